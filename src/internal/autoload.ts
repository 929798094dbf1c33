/**
 * Registers each element the first time its tag is in the document, now or later, by loading only
 * the code that registers it (what `runpage.autoload.js` does for a docs page).
 *
 * One MutationObserver on the document's light DOM. Our elements' shadow roots are not watched:
 * what an element creates inside its shadow root (run-page's tabs, a workspace's or a comparison's
 * charts) is registered by that element's own code, as when its define module is imported.
 */

/** For each tag (without a prefix), what registers it. */
export type ElementLoaders = Readonly<Record<string, () => Promise<unknown>>>;

export interface AutoloadOptions {
  /** Tags are `<prefix-tag>`. */
  prefix?: string;
  /** Tags whose elements another tag's element shows (a run page's tabs): loaded with it. */
  loadWith?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Loads `loaders[tag]` the first time a `<prefix-tag>` is in `root` or is added to it. A tag already
 * registered (by another loader's code, or by someone else) is left alone. A load that fails is
 * reported on the console and tried again the next time such an element (or one it is loaded with)
 * is added to the page. Stops watching once every tag is registered; the returned function stops it
 * sooner.
 */
export function autoloadElements(root: Document, loaders: ElementLoaders, options: AutoloadOptions = {}): () => void {
  const { prefix = '', loadWith = {} } = options;
  const nameOf = (tag: string) => (prefix ? `${prefix}-${tag}` : tag);
  const waiting = new Map<string, () => Promise<unknown>>();
  const alsoLoads = new Map<string, string[]>();
  for (const [tag, load] of Object.entries(loaders)) {
    waiting.set(nameOf(tag), load);
    alsoLoads.set(nameOf(tag), (loadWith[tag] ?? []).map(nameOf));
  }
  const loading = new Set<string>();
  const registry = (root.defaultView ?? globalThis).customElements;

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) found(node as Element);
    }
  });

  /** Whether finding a `<name>` may load something: its own code or what loads with it. */
  function wanted(name: string): boolean {
    return (waiting.has(name) && !loading.has(name)) || alsoLoads.get(name)!.some(wanted);
  }

  function stillWaiting(name: string): boolean {
    if (!waiting.has(name) || loading.has(name)) return false;
    if (!registry.get(name)) return true;
    waiting.delete(name);
    if (waiting.size === 0) observer.disconnect();
    return false;
  }

  function load(name: string): void {
    for (const other of alsoLoads.get(name) ?? []) load(other);
    if (!stillWaiting(name)) return;
    loading.add(name);
    waiting.get(name)!().then(
      () => {
        loading.delete(name);
        stillWaiting(name);
      },
      (error: unknown) => {
        loading.delete(name);
        console.error(
          `runpage: could not load <${name}>; it is tried again when a <${name}> is next added to the page.`,
          error,
        );
      },
    );
  }

  /** Loads the tags of `node` and of the elements in it. */
  function found(node: Element | Document): void {
    if (node.nodeType === Node.ELEMENT_NODE) load((node as Element).localName);
    if (!node.firstElementChild) return;
    // a prefix may hold a dot: `acme.v2-metric-chart` is a tag, not `acme` with a class
    const names = [...alsoLoads.keys()].filter(wanted).map((name) => CSS.escape(name));
    if (names.length === 0) return;
    for (const el of node.querySelectorAll(names.join(','))) load(el.localName);
  }

  observer.observe(root, { childList: true, subtree: true });
  found(root);
  return () => observer.disconnect();
}
