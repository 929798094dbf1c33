/**
 * Which element shows each tab of `<run-page>`. An element's define module provides its tab;
 * `<run-page>` shows only tabs whose element has been provided, so a page that imports a subset
 * of runpage gets a run page with that subset.
 */
export const RUN_PAGE_TABS = ['overview', 'charts', 'system', 'model', 'logs', 'files', 'artifacts'] as const;
export type RunPageTabId = (typeof RUN_PAGE_TABS)[number];

const provided = new Map<RunPageTabId, CustomElementConstructor>();
const listeners = new Set<() => void>();

export function provideTab(id: RunPageTabId, element: CustomElementConstructor): void {
  if (provided.get(id) === element) return;
  provided.set(id, element);
  for (const l of listeners) l();
}

export function tabElement(id: RunPageTabId): CustomElementConstructor | undefined {
  return provided.get(id);
}

export function onTabsProvided(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
