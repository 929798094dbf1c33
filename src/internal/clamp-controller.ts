import { css, type CSSResult, type ReactiveControllerHost } from 'lit';
import { ResizeController } from './resize-controller.js';

/**
 * Long text cut to a few lines with a "Show more" button. The text element gets `.rp-clamp`
 * (and `data-expanded` once opened) and `${ref(clamp.observe)}`; the controller follows its size
 * and says whether anything is cut off, so the button only appears when there is more to show.
 */
export class ClampController {
  expanded = false;
  /** Whether the clamped text has lines that are not shown. */
  overflows = false;
  private readonly resize: ResizeController;

  constructor(private readonly host: ReactiveControllerHost) {
    this.resize = new ResizeController(host, (el) => this.measure(el));
  }

  get observe(): (el?: Element) => void {
    return this.resize.observe;
  }

  readonly toggle = (): void => {
    this.expanded = !this.expanded;
    this.host.requestUpdate();
  };

  /** Measures again (after the text changed without the box changing size). */
  check(): void {
    const el = this.resize.target;
    if (el) this.measure(el);
  }

  private measure(el: Element): void {
    // an expanded text overflows no more: keep the button so it can be closed again
    if (this.expanded) return;
    const overflows = el.scrollHeight > el.clientHeight + 1;
    if (overflows !== this.overflows) {
      this.overflows = overflows;
      this.host.requestUpdate();
    }
  }
}

/** `.rp-clamp`: at most `--_clamp-lines` (3) lines until `data-expanded` is set. */
export const clampStyles: CSSResult = css`
  .rp-clamp:not([data-expanded]) {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: var(--_clamp-lines, 3);
    line-clamp: var(--_clamp-lines, 3);
    overflow: hidden;
  }
`;
