import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Roving tabindex for a group of items (tabs, toolbar buttons, list rows): one item is in the tab
 * order, arrows move between items, Home/End go to the ends. Disabled items are skipped.
 */
export class RovingTabindexController<T extends HTMLElement> implements ReactiveController {
  private index = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly items: () => T[],
    private readonly options: { orientation?: 'horizontal' | 'vertical' | 'both'; onMove?: (item: T) => void } = {},
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    this.apply();
  }

  /** Makes `item` the one in the tab order. */
  setActive(item: T): void {
    const i = this.items().indexOf(item);
    if (i >= 0) {
      this.index = i;
      this.apply();
    }
  }

  /** Keydown handler for the group; returns true when it moved. */
  handleKeydown = (event: KeyboardEvent): boolean => {
    const items = this.items();
    const enabled = items.filter((it) => !isDisabled(it));
    if (!enabled.length) return false;
    const current = Math.max(0, enabled.indexOf(items[this.index]));
    const o = this.options.orientation ?? 'horizontal';
    const across = o !== 'vertical';
    const down = o !== 'horizontal';
    const next = (delta: number) => (current + delta + enabled.length) % enabled.length;
    // the item each key goes to; an arrow across the group's orientation goes nowhere (false)
    const target = new Map<string, number | false>([
      ['ArrowRight', across && next(1)],
      ['ArrowDown', down && next(1)],
      ['ArrowLeft', across && next(-1)],
      ['ArrowUp', down && next(-1)],
      ['Home', 0],
      ['End', enabled.length - 1],
    ]).get(event.key);
    if (target === undefined || target === false) return false;
    event.preventDefault();
    const item = enabled[target];
    this.index = items.indexOf(item);
    this.apply();
    item.focus();
    this.options.onMove?.(item);
    return true;
  };

  private apply(): void {
    const items = this.items();
    if (!items.length) return;
    if (this.index >= items.length || isDisabled(items[this.index])) {
      this.index = Math.max(
        0,
        items.findIndex((it) => !isDisabled(it)),
      );
    }
    items.forEach((it, i) => (it.tabIndex = i === this.index ? 0 : -1));
  }
}

function isDisabled(el: HTMLElement): boolean {
  return el.hasAttribute('disabled') || el.getAttribute('aria-disabled') === 'true';
}
