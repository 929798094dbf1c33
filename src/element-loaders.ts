/**
 * What registers each element, for `runpage.autoload.js`: each tag loads its element's define
 * module alone (which brings the elements it composes), so a page loads only the elements it shows.
 * Keep it in step with elements/registry.ts (test/node/element-loaders.test.ts checks).
 */
import type { AutoloadOptions, ElementLoaders } from './internal/autoload.js';

export const ELEMENT_LOADERS = {
  'run-source': () => import('./elements/run-source/define.js'),
  'run-overview': () => import('./elements/run-overview/define.js'),
  'run-page': () => import('./elements/run-page/define.js'),
  'metric-chart': () => import('./elements/metric-chart/define.js'),
  'metric-workspace': () => import('./elements/metric-workspace/define.js'),
  'media-panel': () => import('./elements/media-panel/define.js'),
  'system-panel': () => import('./elements/system-panel/define.js'),
  'model-table': () => import('./elements/model-table/define.js'),
  'log-viewer': () => import('./elements/log-viewer/define.js'),
  'file-browser': () => import('./elements/file-browser/define.js'),
  'artifact-list': () => import('./elements/artifact-list/define.js'),
  'run-compare': () => import('./elements/run-compare/define.js'),
  'run-table': () => import('./elements/run-table/define.js'),
} satisfies ElementLoaders;

/**
 * The elements that show `<run-page>`'s tabs. A run page shows a tab only once its element is
 * registered, and its define module brings the overview alone: here a run page loads every tab, as
 * with runpage.bundle.js, each tab's element as if its own tag were on the page.
 */
export const RUN_PAGE_TAB_TAGS = [
  'run-overview',
  'metric-workspace',
  'system-panel',
  'model-table',
  'log-viewer',
  'file-browser',
  'artifact-list',
] as const satisfies readonly (keyof typeof ELEMENT_LOADERS)[];

export const LOAD_WITH = { 'run-page': RUN_PAGE_TAB_TAGS } satisfies AutoloadOptions['loadWith'];
