/**
 * Mounting an element on a hostile source and recording what escaped: uncaught errors, unhandled
 * rejections and console warnings; and reading what the user sees, through nested shadow roots.
 */
import { expect, waitUntil } from '@open-wc/testing';
import '../../../src/define.js';
import type { RunSource } from '../../../src/data/source.js';

export const ELEMENTS = [
  'run-page',
  'run-overview',
  'metric-chart',
  'metric-workspace',
  'media-panel',
  'system-panel',
  'model-table',
  'log-viewer',
  'file-browser',
  'artifact-list',
  'run-table',
] as const;
export type ElementTag = (typeof ELEMENTS)[number];

/** Attributes each element gets beside its source: no URL hash, no live charts unless asked. */
const ATTRS: Partial<Record<ElementTag, Record<string, string>>> = {
  'metric-chart': { metric: 'train/loss', 'no-live': '' },
  'metric-workspace': { 'no-storage': '' },
  'run-page': { 'no-hash': '' },
  'file-browser': { 'no-hash': '' },
  'log-viewer': { 'no-hash': '' },
  'run-table': { 'refresh-interval': '0' },
};

export interface Trouble {
  /** Uncaught errors and unhandled rejections. */
  uncaught: unknown[];
  warnings: unknown[][];
  stop(): void;
}

/**
 * Records what escapes to the page until `stop()`. Uncaught errors are kept from mocha, which
 * would otherwise fail whichever test runs at the time, so each case reports its own.
 */
export function recordTrouble(): Trouble {
  const t: Trouble = { uncaught: [], warnings: [], stop };
  const mochaOnError = window.onerror;
  window.onerror = null;
  const onError = (e: ErrorEvent) => {
    t.uncaught.push(e.error ?? e.message);
    e.preventDefault();
  };
  const onRejection = (e: PromiseRejectionEvent) => {
    t.uncaught.push(e.reason);
    e.preventDefault();
  };
  const { warn } = console;
  // Lit's own dev-mode notes (lit.dev/msg/…) are not the element's warnings and do not exist in production.
  console.warn = (...a: unknown[]) => {
    if (!String(a[0]).includes('lit.dev/msg/')) t.warnings.push(a);
  };
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  function stop() {
    console.warn = warn;
    window.onerror = mochaOnError;
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  }
  return t;
}

let host: HTMLElement | undefined;

/** Puts `<tag>` on the page with `source`, sized like a tab panel. */
export function mount(
  tag: ElementTag,
  source: RunSource,
  attrs: Record<string, string | null> = {},
  props: Record<string, unknown> = {},
): HTMLElement & { updateComplete: Promise<unknown> } {
  unmount();
  host = document.createElement('div');
  host.style.cssText = 'width: 900px; height: 640px; overflow: auto';
  host.setAttribute('lang', 'en');
  document.body.append(host);
  const el = document.createElement(tag) as HTMLElement & { source?: RunSource; updateComplete: Promise<unknown> };
  for (const [k, v] of Object.entries({ ...ATTRS[tag], ...attrs })) if (v !== null) el.setAttribute(k, v);
  el.source = source;
  Object.assign(el, props);
  host.append(el);
  return el;
}

export function unmount(): void {
  host?.remove();
  host = undefined;
}

/** Lets requests, renders, animation frames and lazy imports run their course. */
export async function settle(rounds = 8): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  }
}

/** Waits until `check` holds, up to `timeout` ms; returns whether it did (the caller asserts). */
export async function eventually(check: () => boolean, timeout = 4000): Promise<boolean> {
  try {
    await waitUntil(check, '', { timeout, interval: 16 });
    return true;
  } catch {
    return check();
  }
}

/** The text a user can read, through nested shadow roots, leaving out hidden parts. */
export function deepText(node: Node): string {
  let out = '';
  const walk = (n: Node) => {
    if (n instanceof HTMLElement && (n.hidden || n.tagName === 'STYLE' || n.tagName === 'SCRIPT')) return;
    if (n.nodeType === Node.TEXT_NODE) out += n.textContent;
    if (n instanceof Element && n.shadowRoot) walk(n.shadowRoot);
    for (const c of n.childNodes) walk(c);
  };
  walk(node);
  return out.replace(/\s+/g, ' ').trim();
}

/** Every element matching `selector` in `root` and the shadow roots inside it. */
export function deepQueryAll(root: Element, selector: string): Element[] {
  const found: Element[] = [];
  const walk = (n: Element | ShadowRoot) => {
    for (const el of n.querySelectorAll('*')) {
      if (el.matches(selector)) found.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  if (root.shadowRoot) walk(root.shadowRoot);
  walk(root);
  return found;
}

/** Runpage elements in `root` (itself included), for the one-warning-per-element rule. */
export function elementCount(root: Element): number {
  return 1 + deepQueryAll(root, ELEMENTS.join(',')).length;
}

/** Nothing escaped to the page. */
export function expectNoUncaught(t: Trouble): void {
  expect(
    t.uncaught.map((e) => String((e as Error)?.stack ?? (e as Error)?.message ?? e)),
    'uncaught errors',
  ).to.deep.equal([]);
}

/** Something other than a loading skeleton is on screen. */
export function expectNotBlank(el: Element): void {
  const text = deepText(el);
  expect(text.replace(/Loading…/g, '').trim(), 'the element shows nothing but loading').to.not.equal('');
}

/** The notice of what the element's source gave that could not be used. */
export function noticeText(el: Element): string {
  return deepQueryAll(el, '[part~="read-problems"]')
    .map((n) => deepText(n))
    .join(' | ');
}
