import { defineMessages } from '../../internal/i18n.js';

/**
 * Labels of <run-table> that only the listing updates say (listing-updates.ts): they load with that code. Same namespace as run-table.messages.ts: translations and overrides name these labels as before.
 */
export const umsg = defineMessages('runTable', {
  runsAdded: (n: number) => (n === 1 ? '1 new run' : `${n} new runs`),
  runsEnded: (n: number) => (n === 1 ? '1 run ended' : `${n} runs ended`),
  runsRemoved: (n: number) => (n === 1 ? '1 run removed' : `${n} runs removed`),
  listSeparator: ', ',
});
