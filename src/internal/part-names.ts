/**
 * The `::part` names of each element, so a composite can re-export the parts of the elements it
 * contains (`exportparts`): a page styles a chart inside `<run-page>` as
 * `run-page::part(charts-chart-plot)`. test/node/internal/part-names.test.ts keeps these lists in
 * step with the `@csspart` docs of each element.
 *
 * The prefix scheme: a composite names an inner element's part `<prefix>-<part>`, where the prefix
 * is what the inner element is to the composite: `<run-page>` uses its tab ids (`overview-`,
 * `charts-`, `system-`, `model-`, `logs-`, `files-`, `artifacts-`); `<metric-workspace>` and
 * `<system-panel>` use `chart-` for their charts; `<artifact-list>` uses `files-` for its file browser.
 */
const READ_PROBLEMS = 'read-problems';

const METRIC_CHART = [
  'base',
  'header',
  'title',
  'toolbar',
  'plot',
  'tooltip',
  'legend',
  'notes',
  'state',
  READ_PROBLEMS,
];
const FILE_BROWSER = [
  'base',
  'toolbar',
  'breadcrumbs',
  'filter',
  'listing',
  'grid',
  'row',
  'icon',
  'preview',
  'preview-header',
  'transfer',
  'progress',
  'code',
  'json',
  'diff',
  'csv',
  'markdown',
  'notebook',
  'media',
  'hex',
  'load-more',
  'state',
  READ_PROBLEMS,
];

/** Each element's own parts and the parts it re-exports, by tag (without a prefix). */
export const PART_NAMES: Readonly<Record<string, readonly string[]>> = {
  'metric-chart': METRIC_CHART,
  'file-browser': FILE_BROWSER,
  'run-overview': [
    'base',
    'header',
    'state-badge',
    'notes',
    'facts',
    'config',
    'summary',
    'search',
    'warnings',
    'withheld',
    'state',
    'retry',
    READ_PROBLEMS,
  ],
  'metric-workspace': [
    'base',
    'toolbar',
    'search',
    'notice',
    'body',
    'section',
    'section-header',
    'panel',
    'match',
    'dialog',
    'fullscreen',
    'state',
    READ_PROBLEMS,
    ...prefixed('chart', METRIC_CHART),
  ],
  'system-panel': [
    'base',
    'hardware',
    'toolbar',
    'gpu-selector',
    'group',
    'chart',
    'stats',
    'state',
    READ_PROBLEMS,
    ...prefixed('chart', METRIC_CHART),
  ],
  'model-table': ['base', 'model-name', 'toolbar', 'search', 'totals', 'table', 'row', 'bar', 'state', READ_PROBLEMS],
  'log-viewer': ['base', 'toolbar', 'search', 'lines', 'gutter', 'line', 'new-lines', 'status', 'state', READ_PROBLEMS],
  'artifact-list': [
    'base',
    'section',
    'search',
    'table',
    'row',
    'detail',
    'files',
    'file-browser',
    'lineage',
    'state',
    READ_PROBLEMS,
    ...prefixed('files', FILE_BROWSER),
  ],
  'media-panel': ['base', 'controls', 'slider', 'key', 'figure', 'caption', 'dialog', 'state', READ_PROBLEMS],
};

function prefixed(prefix: string, parts: readonly string[]): string[] {
  return parts.map((p) => `${prefix}-${p}`);
}

/** The finer parts of every element's states (src/internal/states.ts), beside the `state` part. */
export const STATE_PARTS = ['loading', 'empty', 'unsupported', 'error', 'retry'] as const;

/** The `exportparts` of a `<metric-chart>` inside a composite: its parts and its states' as `chart-<part>`. */
export const CHART_EXPORTPARTS: string = exportPartsAs('chart', [...METRIC_CHART, ...STATE_PARTS]);

/** The `exportparts` value that re-exports `parts` as `<prefix>-<part>`. */
export function exportPartsAs(prefix: string, parts: readonly string[]): string {
  return parts.map((p) => `${p}:${prefix}-${p}`).join(', ');
}
