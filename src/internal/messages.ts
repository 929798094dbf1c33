import { defineMessages } from './i18n.js';

/** Labels every element shares. */
export const common = defineMessages('common', {
  loading: 'Loading…',
  retry: 'Retry',
  errorTitle: 'Could not load this',
  unsupported: 'Not available from this source',
  unsupportedDetail: (what: string) => `This data source does not provide ${what}.`,
  noSource: 'No data source',
  noSourceDetail:
    'Set the element’s source property, its src attribute, or place it inside <run-source> or <run-page>.',
  noRun: 'No run selected',
  noRunDetail: 'Set the run attribute to the id of the run to show.',
  notFound: 'Not found',
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Could not copy',
  search: 'Search',
  searchedAsText: (term: string) => `${term} is not a regular expression; searched as text`,
  clear: 'Clear',
  expand: 'Expand',
  collapse: 'Collapse',
  showMore: 'Show more',
  showLess: 'Show less',
  moreControls: 'More',
  moreControlsLabel: 'More controls',
  download: 'Download',
  close: 'Close',
  none: 'None',
  live: 'Live',
  readProblemsDropped: (n: number) =>
    n === 1
      ? '1 value from the data source could not be read and is left out.'
      : `${n.toLocaleString('en')} values from the data source could not be read and are left out.`,
  readProblemsConverted: (n: number) =>
    n === 1
      ? '1 value had the wrong type and was converted.'
      : `${n.toLocaleString('en')} values had the wrong type and were converted.`,
  readProblemLeftOut: (n: number) => `${n.toLocaleString('en')} left out`,
  readProblemConverted: (n: number) => `${n.toLocaleString('en')} converted`,
  readProblemsMore: (n: number) => `and ${n.toLocaleString('en')} more kinds of problem`,
});
