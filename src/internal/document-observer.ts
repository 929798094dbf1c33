/**
 * One MutationObserver for the whole document that tells subscribers when an attribute that may
 * change language or theme (`lang`, `theme`, `class`, `style`, `data-theme`, `data-runpage-theme`) changes anywhere.
 * Elements use it to re-render labels and re-read canvas colours.
 */
type Listener = () => void;

const listeners = new Set<Listener>();
let observer: MutationObserver | undefined;
let media: MediaQueryList | undefined;
let scheduled = false;
/** Counts the changes seen: a value read while it stays the same is still current. */
let generation = 0;

function changed(): void {
  generation++;
  notify();
}

function notify(): void {
  if (scheduled) return;
  scheduled = true;
  queueMicrotask(() => {
    scheduled = false;
    for (const l of [...listeners]) l();
  });
}

function start(): void {
  if (typeof document === 'undefined' || observer) return;
  observer = new MutationObserver(changed);
  observer.observe(document.documentElement, {
    attributes: true,
    subtree: true,
    attributeFilter: ['lang', 'theme', 'class', 'style', 'data-theme', 'data-runpage-theme'],
  });
  media = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
  media?.addEventListener('change', changed);
}

function stop(): void {
  observer?.disconnect();
  observer = undefined;
  media?.removeEventListener('change', changed);
  media = undefined;
}

export function observeDocumentChanges(listener: Listener): () => void {
  listeners.add(listener);
  start();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) stop();
  };
}

/**
 * A number that changes whenever a watched attribute or the OS colour scheme may have changed, also
 * for changes made earlier in the same task (their records are taken now). While nothing subscribes
 * nothing is watched, and every call returns a new number.
 */
export function documentGeneration(): number {
  if (!observer) return ++generation;
  if (observer.takeRecords().length) changed();
  return generation;
}
