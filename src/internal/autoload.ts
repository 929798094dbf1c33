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

/**
 * Loads `loaders[tag]` the first time a `<prefix-tag>` is in `root` or is added to it. A tag already
 * registered (by another loader's code, or by someone else) is left alone. A load that fails is
 * reported on the console and tried again the next time such an element is added to the page.
 * Stops watching once every tag is registered; the returned function stops it sooner.
 */
export function autoloadElements(root: Document, loaders: ElementLoaders, prefix = ''): () => void {
  const waiting = new Map<string, () => Promise<unknown>>();
  for (const [tag, load] of Object.entries(loaders)) waiting.set(prefix ? `${prefix}-${tag}` : tag, load);
  const loading = new Set<string>();
  const registry = (root.defaultView ?? globalThis).customElements;

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node.nodeType === Node.ELEMENT_NODE) found(node as Element);
    }
  });

  function stillWaiting(name: string): boolean {
    if (!waiting.has(name) || loading.has(name)) return false;
    if (!registry.get(name)) return true;
    waiting.delete(name);
    if (waiting.size === 0) observer.disconnect();
    return false;
  }

  function load(name: string): void {
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
    const names = [...waiting.keys()].filter((name) => !loading.has(name)).map((name) => CSS.escape(name));
    if (names.length === 0) return;
    for (const el of node.querySelectorAll(names.join(','))) load(el.localName);
  }

  observer.observe(root, { childList: true, subtree: true });
  found(root);
  return () => observer.disconnect();
}
