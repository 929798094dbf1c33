import { defineMessages } from '../../internal/i18n.js';

/**
 * Labels of <run-table> that only the column picker shows (column-picker.ts): they load with it. Same namespace as run-table.messages.ts: translations and overrides name these labels as before.
 */
export const cmsg = defineMessages('runTable', {
  columnsSearch: 'Find a config or summary key',
  noColumns: 'The runs have no config or summary values.',
  noColumnMatches: 'No key matches.',
});
