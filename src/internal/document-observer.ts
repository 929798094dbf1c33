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
  observer = new MutationObserver(notify);
  observer.observe(document.documentElement, {
    attributes: true,
    subtree: true,
    attributeFilter: ['lang', 'theme', 'class', 'style', 'data-theme', 'data-runpage-theme'],
  });
  media = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
  media?.addEventListener('change', notify);
}

function stop(): void {
  observer?.disconnect();
  observer = undefined;
  media?.removeEventListener('change', notify);
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
