/**
 * Labels that only a lazily loaded part shows (a file's preview, the workspace settings dialog) live
 * in a table of their own beside that part, under the element's namespace: they load with the part,
 * and translations and overrides still name them as the element's labels.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadTranslation } from '../../../src/internal/i18n.js';
import { msg as fileBrowser } from '../../../src/elements/file-browser/file-browser.messages.js';
import { pmsg as filePreview } from '../../../src/elements/file-browser/preview.messages.js';
import { tmsg as fileTransfers } from '../../../src/elements/file-browser/transfers.messages.js';
import { msg as runTable } from '../../../src/elements/run-table/run-table.messages.js';
import { cmsg as runTableColumns } from '../../../src/elements/run-table/column-picker.messages.js';
import { umsg as runTableUpdates } from '../../../src/elements/run-table/listing-updates.messages.js';
import { msg as workspace } from '../../../src/elements/metric-workspace/metric-workspace.messages.js';
import { dmsg as workspaceDialog } from '../../../src/elements/metric-workspace/settings-dialog.messages.js';
import { common } from '../../../src/internal/messages.js';
import { controlLabels } from '../../../src/internal/control-labels.js';
import { overrideMessages } from '../../../src/translations/register.js';
import de from '../../../src/translations/de.js';
import ja from '../../../src/translations/ja.js';
import '../../../src/translations/lazy-languages.js';

const SPLITS = [
  { name: 'fileBrowser', main: fileBrowser, part: filePreview },
  { name: 'fileBrowser', main: fileBrowser, part: fileTransfers },
  { name: 'runTable', main: runTable, part: runTableColumns },
  { name: 'runTable', main: runTable, part: runTableUpdates },
  { name: 'metricWorkspace', main: workspace, part: workspaceDialog },
  { name: 'common', main: common, part: controlLabels },
];

test('a part’s table shares its element’s namespace, with keys of its own', () => {
  for (const { name, main, part } of SPLITS) {
    assert.equal(part.namespace, name);
    assert.equal(main.namespace, name);
    const shared = Object.keys(part.en).filter((k) => k in main.en);
    assert.deepEqual(shared, [], `${name}: a key in both tables`);
  }
});

test('every language ships every key of both tables', () => {
  for (const { name, main, part } of SPLITS) {
    for (const [lang, table] of Object.entries({ de, ja })) {
      const tr = (table as unknown as Record<string, Record<string, unknown>>)[name];
      const missing = [...Object.keys(main.en), ...Object.keys(part.en)].filter((k) => !(k in tr));
      assert.deepEqual(missing, [], `${lang}.${name}`);
    }
  }
});

test('a part’s labels are translated, and overridden by namespace, as before', async () => {
  await loadTranslation('de');
  assert.equal(filePreview('de', 'tooLarge'), de.fileBrowser.tooLarge);
  assert.notEqual(filePreview('de', 'tooLarge'), filePreview.en.tooLarge);
  assert.equal(workspaceDialog('de', 'apply'), de.metricWorkspace.apply);
  overrideMessages('en-GB', { fileBrowser: { tooLarge: 'Too big' }, metricWorkspace: { apply: 'OK' } });
  assert.equal(filePreview('en-GB', 'tooLarge'), 'Too big');
  assert.equal(workspaceDialog('en-GB', 'apply'), 'OK');
  assert.equal(filePreview('en', 'tooLarge'), 'File too large to preview');
  assert.equal(runTableUpdates('de', 'runsAdded', 2), de.runTable.runsAdded(2));
  assert.notEqual(runTableUpdates('de', 'runsAdded', 2), runTableUpdates('en', 'runsAdded', 2));
  assert.equal(fileTransfers('de', 'collecting'), de.fileBrowser.collecting);
  assert.equal(runTableColumns('de', 'noColumns'), de.runTable.noColumns);
});

test('the shared controls’ labels are the common table’s, apart from what every element needs', async () => {
  await loadTranslation('de');
  assert.equal(controlLabels('de', 'moreControls'), de.common.moreControls);
  assert.equal(controlLabels('de-AT', 'copyFailed'), de.common.copyFailed);
  overrideMessages('en-AU', { common: { moreControls: 'More…' } });
  assert.equal(controlLabels('en-AU', 'moreControls'), 'More…');
  assert.equal(controlLabels('en', 'moreControls'), 'More');
  assert.ok(!('moreControls' in common.en), 'not among the labels every element loads');
});
