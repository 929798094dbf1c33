import { defineMessages } from './i18n.js';

/**
 * Labels of the shared controls (a search's notice, copy buttons, expand and collapse, the More
 * menu): part of the `common` table a translation gives, kept apart from `messages.ts` so that a
 * page whose elements draw none of these controls loads none of their labels.
 */
export const controlLabels = defineMessages('common', {
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Could not copy',
  searchedAsText: (term: string) => `${term} is not a regular expression; searched as text`,
  expand: 'Expand',
  collapse: 'Collapse',
  moreControls: 'More',
  moreControlsLabel: 'More controls',
});
