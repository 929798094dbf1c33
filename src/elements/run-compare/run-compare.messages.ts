import { defineMessages } from '../../internal/i18n.js';

export const msg = defineMessages('runCompare', {
  what: 'run comparisons',
  title: (n: string) => `Comparing ${n} runs`,
  noRuns: 'No runs to compare',
  noRunsDetail: 'Tick two or more runs in the table to compare them.',
  metrics: 'Metrics',
  metricsSearch: 'Find a metric',
  noMetrics: 'None of these runs logged metrics.',
  noMetricMatches: 'No metric matches.',
  loggedBy: (n: string, total: string) => `logged by ${n} of ${total}`,
  config: 'Config: keys that differ',
  sameConfig: 'Every config value is the same in these runs.',
  sameCount: (n: string) => `${n} keys with the same value in every run are not shown.`,
  summary: 'Summary',
  noSummary: 'These runs have no summary values.',
  key: 'Key',
  more: (n: string) => `${n} more rows not shown`,
  missing: 'not set',
});
