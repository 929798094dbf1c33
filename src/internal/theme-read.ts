/**
 * The resolved theme tokens for canvas drawing, read once per style scope and theme change and
 * shared: a workspace of a thousand charts reads the computed style once, not once per chart (each
 * `getComputedStyle` read after a DOM change is a style recalculation of the page).
 *
 * A scope is a shadow root (whose owner styles the elements in it alike) with the element's own
 * `theme`, `class` and `style` attributes; an element in the document itself is a scope of its own,
 * since page CSS may give each one other tokens. Every attribute change that the document observer
 * watches (theme, class, style, lang…), and the OS colour scheme, starts a new generation.
 */
import { documentGeneration } from './document-observer.js';
import { THEME_TOKENS } from './theme-tokens.js';

/** Token name (without `--_`) → resolved value ('' when not set). */
export type ThemeValues = Readonly<Record<string, string>>;

interface Snapshot {
  generation: number;
  values: ThemeValues;
}

const byElement = new WeakMap<Element, Snapshot>();
const byRoot = new WeakMap<ShadowRoot, Map<string, Snapshot>>();

function readNow(el: Element): ThemeValues {
  const style = getComputedStyle(el);
  const values: Record<string, string> = {};
  for (const name of Object.keys(THEME_TOKENS)) values[name] = style.getPropertyValue(`--_${name}`).trim();
  return values;
}

/** The resolved tokens of `el`, from the shared read of its scope when that read is current. */
export function themeValues(el: Element): ThemeValues {
  // a disconnected element has no computed style: read (empty values) but keep nothing
  if (!el.isConnected) return readNow(el);
  const generation = documentGeneration();
  const root = el.getRootNode();
  if (!(root instanceof ShadowRoot)) {
    const own = byElement.get(el);
    if (own && own.generation === generation) return own.values;
    const values = readNow(el);
    byElement.set(el, { generation, values });
    return values;
  }
  let scopes = byRoot.get(root);
  if (!scopes) byRoot.set(root, (scopes = new Map()));
  const key = `${el.getAttribute('theme') ?? ''}\n${el.getAttribute('class') ?? ''}\n${el.getAttribute('style') ?? ''}`;
  const shared = scopes.get(key);
  if (shared && shared.generation === generation) return shared.values;
  const values = readNow(el);
  scopes.set(key, { generation, values });
  return values;
}
