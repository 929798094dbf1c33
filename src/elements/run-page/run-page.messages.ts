import { defineMessages } from '../../internal/i18n.js';

export const msg = defineMessages('runPage', {
  what: 'runs',
  tabs: 'Run sections',
  overview: 'Overview',
  charts: 'Charts',
  system: 'System',
  model: 'Model',
  logs: 'Logs',
  files: 'Files',
  artifacts: 'Artifacts',
  notFromSource: (what: string) => `This source does not provide ${what}.`,
  whatCharts: 'metric series',
  whatSystem: 'system metrics',
  whatModel: 'model data',
  whatLogs: 'console logs',
  whatFiles: 'files',
  whatArtifacts: 'artifacts',
  runNotFound: 'Run not found',
  runHasNone: (what: string) => `This run has no ${what}.`,
});
