import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Lang } from './i18n.js';
import { controlLabels } from './control-labels.js';

/** How long a copy button says "Copied" (or "Could not copy") before it says "Copy" again. */
export const COPY_FEEDBACK_MS = 1500;

/**
 * Copy to the clipboard with feedback on the button that did it: `label(lang, key)` is "Copied" or
 * "Could not copy" for a moment after `copy(text, key)`, then "Copy" again. One controller serves
 * every copy button of an element; `key` tells them apart.
 */
export class CopyController implements ReactiveController {
  private last?: { key: string; ok: boolean };
  private timer?: ReturnType<typeof setTimeout>;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.timer);
    this.last = undefined;
  }

  /** Copies `text`; resolves whether the clipboard took it. */
  async copy(text: string, key = ''): Promise<boolean> {
    let ok = true;
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      ok = false;
    }
    this.last = { key, ok };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.last = undefined;
      this.host.requestUpdate();
    }, COPY_FEEDBACK_MS);
    this.host.requestUpdate();
    return ok;
  }

  /** The button of `key` was just used. */
  done(key = ''): boolean {
    return this.last?.key === key;
  }

  /** "Copy", or for a moment after a copy "Copied" / "Could not copy". */
  label(lang: Lang, key = ''): string {
    if (this.last?.key !== key) return controlLabels(lang, 'copy');
    return controlLabels(lang, this.last.ok ? 'copied' : 'copyFailed');
  }
}
