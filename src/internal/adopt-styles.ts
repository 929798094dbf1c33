import type { CSSResultOrNative } from 'lit';

/**
 * Adds styles that arrive with lazily loaded code (a preview's views, an opened artifact) to a
 * shadow root, once: the element's own static styles carry only what its first render needs.
 */
export function adoptStyles(
  root: HTMLElement | DocumentFragment,
  styles: CSSResultOrNative | CSSResultOrNative[],
): void {
  if (!(root instanceof ShadowRoot)) return;
  for (const s of Array.isArray(styles) ? styles : [styles]) {
    const sheet = s instanceof CSSStyleSheet ? s : s.styleSheet;
    if (sheet) {
      if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    } else if (
      !(s instanceof CSSStyleSheet) &&
      ![...root.querySelectorAll('style')].some((e) => e.textContent === s.cssText)
    ) {
      const style = document.createElement('style');
      style.textContent = s.cssText;
      root.append(style);
    }
  }
}

/**
 * A constructed sheet of `text`: the styles of lazily loaded code that does not import lit (a lazy
 * chunk that imports lit makes the bundler split lit out of the page's entry). Adopted, not a
 * `<style>` element: a page's CSP may forbid those.
 */
export function sheetOf(text: string): CSSStyleSheet {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(text);
  return sheet;
}
