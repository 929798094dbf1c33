import { formatFixed } from '../../internal/format.js';
import { defineMessages } from '../../internal/i18n.js';

/** A count as `toLocaleString('en-US')` writes it, without creating an Intl formatter (see format.ts). */
const inEnglish = (n: number): string => formatFixed(n, 3, 'en');

export const msg = defineMessages('metricChart', {
  what: 'metric series',
  noMetric: 'No metric chosen',
  noMetricDetail: 'Set the metric attribute (or the metrics property) to a logged metric key.',
  notFound: 'Metric not found',
  notFoundDetail: (keys: string) => `This run has no metric ${keys}.`,
  empty: 'No points yet',
  emptyDetail: (keys: string) => `${keys} has no logged points in this range.`,
  chart: 'Chart',
  keyboardHelp: 'Arrow keys move between points, + and − zoom, Escape resets the zoom, double-click resets too.',
  step: 'Step',
  relative: 'Relative time',
  process: 'Process time',
  wallclock: 'Time',
  original: 'original',
  nonFinite: (n: number) => `${inEnglish(n)} NaN/Inf in range`,
  nonPositive: (n: number) => `${inEnglish(n)} values ≤ 0 left out (log scale)`,
  nonPositiveAtLeast: (n: number) => `at least ${inEnglish(n)} values ≤ 0 left out (log scale)`,
  nonPositiveX: (n: number) => `${inEnglish(n)} points with x ≤ 0 left out (log scale)`,
  nonMonotonic: 'The x values go backwards in the raw data (a resumed run?); points are drawn in x order.',
  downsampled: (shown: number, total: number) =>
    `${inEnglish(shown)} of ${inEnglish(total)} points drawn (every spike kept)`,
  exact: (total: number) => `all ${inEnglish(total)} raw points`,
  exportPng: 'PNG',
  exportPngLabel: 'Download the chart as a PNG image',
  exportCsv: 'CSV',
  exportCsvLabel: 'Download the raw points of the visible range as CSV',
  resetZoom: 'Reset zoom',
  series: 'Series',
  toggleSeries: (label: string) => `Show or hide ${label}`,
  tableCaption: (label: string) => `Data of ${label} (sampled)`,
  summary: (label: string, count: number, min: string, max: string, last: string) =>
    `${label}: ${inEnglish(count)} points, min ${min}, max ${max}, last ${last}.`,
  refreshing: 'Loading the visible range…',
});
