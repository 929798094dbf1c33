/**
 * Every runpage element with its tag and the run-page tab it shows, in one side-effect-free list,
 * and `defineElements()` to register them all, under a prefix if the page needs one:
 *
 * ```js
 * import { defineElements } from 'runpage';
 * defineElements({ prefix: 'acme' }); // <acme-run-page>, <acme-log-viewer>, …
 * ```
 *
 * Keep this list in step with each element's define.ts (test/node/elements/registry.test.ts checks).
 */
import { checkedTagPrefix, defineElement } from '../internal/define-element.js';
import { provideTab, type RunPageTabId } from '../internal/tab-registry.js';
import { ArtifactList } from './artifact-list/artifact-list.js';
import { FileBrowser } from './file-browser/file-browser.js';
import { LogViewer } from './log-viewer/log-viewer.js';
import { MediaPanel } from './media-panel/media-panel.js';
import { MetricChart } from './metric-chart/metric-chart.js';
import { MetricWorkspace } from './metric-workspace/metric-workspace.js';
import { ModelTable } from './model-table/model-table.js';
import { RunOverview } from './run-overview/run-overview.js';
import { RunPage } from './run-page/run-page.js';
import { RunSourceElement } from './run-source/run-source.js';
import { RunCompare } from './run-compare/run-compare.js';
import { RunTable } from './run-table/run-table.js';
import { SystemPanel } from './system-panel/system-panel.js';

export interface ElementEntry {
  /** The tag without a prefix. */
  readonly tag: string;
  readonly element: CustomElementConstructor;
  /** The `<run-page>` tab this element shows, if any. */
  readonly tab?: RunPageTabId;
}

export const ELEMENTS: readonly ElementEntry[] = [
  { tag: 'run-source', element: RunSourceElement },
  { tag: 'run-overview', element: RunOverview, tab: 'overview' },
  { tag: 'run-page', element: RunPage },
  { tag: 'metric-chart', element: MetricChart },
  { tag: 'metric-workspace', element: MetricWorkspace, tab: 'charts' },
  { tag: 'media-panel', element: MediaPanel },
  { tag: 'system-panel', element: SystemPanel, tab: 'system' },
  { tag: 'model-table', element: ModelTable, tab: 'model' },
  { tag: 'log-viewer', element: LogViewer, tab: 'logs' },
  { tag: 'file-browser', element: FileBrowser, tab: 'files' },
  { tag: 'artifact-list', element: ArtifactList, tab: 'artifacts' },
  { tag: 'run-compare', element: RunCompare },
  { tag: 'run-table', element: RunTable },
];

export interface DefineOptions {
  /** Registers `<prefix-tag>` instead of `<tag>`, so runpage can share a page with another library's `<log-viewer>`. */
  prefix?: string;
}

/**
 * Registers every runpage element (idempotent) and provides the run page's tabs. Composite
 * elements create their children by class, so `<acme-run-page>` fills its tabs with `<acme-…>` elements.
 */
export function defineElements(options: DefineOptions = {}): void {
  const prefix = checkedTagPrefix(options.prefix);
  for (const { tag, element, tab } of ELEMENTS) {
    defineElement(tag, element, prefix || undefined);
    if (tab) provideTab(tab, element);
  }
}
