import { defineMessages } from '../../internal/i18n.js';

/**
 * Labels of <metric-workspace> that only the settings dialog shows: they load with the dialog's code. Same namespace as
 * metric-workspace.messages.ts: translations and overrides name these labels as before.
 */
export const dmsg = defineMessages('metricWorkspace', {
  panelSettings: (title: string) => `Settings of ${title}`,
  newPanel: 'New panel',
  sectionDialog: (name: string) => `Section ${name}`,
  title: 'Title',
  titlePlaceholder: 'Automatic',
  metrics: 'Metrics',
  metricsFilter: 'Filter metrics',
  logX: 'Log scale x',
  logY: 'Log scale y',
  xMin: 'X min',
  xMax: 'X max',
  yMin: 'Y min',
  yMax: 'Y max',
  legend: 'Legend template',
  legendHelp: 'Use ${metric}, ${run}, ${config.lr}…',
  colors: 'Colours',
  colorsHelp: 'CSS colours separated by commas, in series order',
  apply: 'Apply',
  cancel: 'Cancel',
  pickMetric: 'Choose at least one metric.',
  badColor: (c: string) => `${c} is not a CSS colour.`,
  reset: 'Reset to automatic',
});
