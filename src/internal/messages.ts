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
  search: 'Search',
  showMore: 'Show more',
  showLess: 'Show less',
  close: 'Close',
});
