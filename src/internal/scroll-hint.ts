import { css, type CSSResult, type ReactiveControllerHost } from 'lit';
import { ResizeController } from './resize-controller.js';

/**
 * Shows that a sideways scroller has more than it shows: the element (`.rp-scroll-hint`,
 * `${ref(hint.observe)}`) fades out at an edge with more beyond it, marked by
 * `data-more-start` / `data-more-end`, which follow its scrolling and its size. `reveal(child)`
 * scrolls just enough to bring a child (the selected tab) into view, without scrolling the page.
 */
export class ScrollHintController {
  private readonly resize: ResizeController;
  private scroller?: HTMLElement;

  constructor(host: ReactiveControllerHost) {
    this.resize = new ResizeController(host, (el) => this.update(el as HTMLElement));
  }

  readonly observe = (el?: Element): void => {
    if (this.scroller === el) return;
    this.scroller?.removeEventListener('scroll', this.onScroll);
    this.scroller = el as HTMLElement | undefined;
    this.scroller?.addEventListener('scroll', this.onScroll, { passive: true });
    this.resize.observe(el);
  };

  /** Scrolls the scroller so that `child` is wholly in view, with the faded edge beside it. */
  reveal(child: HTMLElement | null | undefined): void {
    const el = this.scroller;
    if (!el || !child || el.scrollWidth <= el.clientWidth) return;
    const edge = 24;
    const box = el.getBoundingClientRect();
    const c = child.getBoundingClientRect();
    if (c.left < box.left + edge) el.scrollLeft -= box.left + edge - c.left;
    else if (c.right > box.right - edge) el.scrollLeft += c.right - (box.right - edge);
    this.update(el);
  }

  private readonly onScroll = (): void => {
    if (this.scroller) this.update(this.scroller);
  };

  private update(el: HTMLElement): void {
    const max = el.scrollWidth - el.clientWidth;
    // scrollLeft runs negative in right-to-left text
    const at = Math.abs(el.scrollLeft);
    el.toggleAttribute('data-more-start', max > 1 && at > 1);
    el.toggleAttribute('data-more-end', max > 1 && at < max - 1);
  }
}

/** The fades of `.rp-scroll-hint` at each edge with more beyond it. */
export const scrollHintStyles: CSSResult = css`
  .rp-scroll-hint {
    --_fade-start: #000;
    --_fade-end: #000;
    mask-image: linear-gradient(to right, var(--_fade-start), #000 32px, #000 calc(100% - 32px), var(--_fade-end));
  }
  .rp-scroll-hint[data-more-start] {
    --_fade-start: transparent;
  }
  .rp-scroll-hint[data-more-end] {
    --_fade-end: transparent;
  }
`;
