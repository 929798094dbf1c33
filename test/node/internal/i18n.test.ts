/**
 * Languages beyond English: registered tables, overrides, loaders that run on first use (Japanese
 * and German ship as such), fallbacks from a regional tag, and Intl formats for any tag.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addTranslation,
  addTranslationLoader,
  defineMessages,
  loadTranslation,
  onTranslationsChanged,
  toLang,
} from '../../../src/internal/i18n.js';
import { msg as runPage } from '../../../src/elements/run-page/run-page.messages.js';
import { NOTICE_LABELS } from '../../../src/internal/read-problems-notice.js';
import { formatDateTime, formatExactNumber, formatNumber } from '../../../src/internal/format.js';
import { overrideMessages, registerTranslation } from '../../../src/translations/register.js';
import de from '../../../src/translations/de.js';
import '../../../src/translations/lazy-languages.js';

test('a lang attribute becomes a canonical tag; what is not a language tag is ignored', () => {
  assert.equal(toLang('DE-ch'), 'de-CH');
  assert.equal(toLang(' ja '), 'ja');
  assert.equal(toLang(''), undefined);
  assert.equal(toLang('<script>'), undefined);
  assert.equal(toLang(undefined), undefined);
});

test('German loads on first use, then every table speaks it, regional tags included', async () => {
  // the read-problems notice's labels load with it and are translated under `common`
  const notice = defineMessages('common', NOTICE_LABELS);
  assert.equal(runPage('de', 'charts'), 'Charts', 'English until German is loaded');
  let changes = 0;
  const stop = onTranslationsChanged(() => changes++);
  await loadTranslation('de-AT');
  stop();
  assert.equal(changes, 1);
  assert.equal(runPage('de', 'charts'), 'Diagramme');
  assert.equal(runPage('de-AT', 'charts'), 'Diagramme');
  assert.equal(notice('de-CH', 'readProblemsDropped', 1234), de.common.readProblemsDropped(1234));
  assert.match(notice('de', 'readProblemsDropped', 1234), /^1\.234 Werte/);
  assert.equal(runPage('ja', 'charts'), 'Charts', 'English until Japanese is loaded');
  await loadTranslation('ja-JP');
  assert.equal(runPage('ja', 'charts'), 'チャート');
  assert.equal(runPage('fr', 'charts'), 'Charts', 'a language without tables reads English');
  assert.equal(loadTranslation('de'), loadTranslation('de'), 'loaded once');
});

test('registerTranslation adds a language; a loader runs only when the language is asked for', async () => {
  const fr = { ...de, runPage: { ...de.runPage, charts: 'Graphiques' } };
  let loads = 0;
  registerTranslation('fr', async () => {
    loads++;
    return { default: fr };
  });
  assert.equal(loads, 0);
  await loadTranslation('en');
  assert.equal(loads, 0);
  await loadTranslation('fr-CA');
  assert.equal(loads, 1);
  assert.equal(runPage('fr-CA', 'charts'), 'Graphiques');
  registerTranslation('pt-BR', { ...de, runPage: { ...de.runPage, charts: 'Gráficos' } });
  assert.equal(runPage('pt-BR', 'charts'), 'Gráficos');
  assert.equal(runPage('pt', 'charts'), 'Charts', 'a regional table does not speak for the base language');
  assert.throws(() => registerTranslation('not a tag!', fr), RangeError);
});

test('overrideMessages changes single labels, and wins over tables that load later', async () => {
  overrideMessages('en', { runPage: { charts: 'Metrics' } });
  assert.equal(runPage('en', 'charts'), 'Metrics');
  assert.equal(runPage('en-GB', 'charts'), 'Metrics');
  assert.equal(runPage('en', 'logs'), 'Logs');
  overrideMessages('es', { runPage: { logs: 'Registros' } });
  addTranslationLoader('es', async () => ({ runPage: { ...de.runPage, logs: 'Logs (es)', files: 'Archivos' } }));
  await loadTranslation('es');
  assert.equal(runPage('es', 'logs'), 'Registros');
  assert.equal(runPage('es', 'files'), 'Archivos');
});

test('a loader that fails leaves English', async (t) => {
  const warn = t.mock.method(console, 'warn', () => {});
  addTranslationLoader('nl', () => Promise.reject(new Error('offline')));
  await loadTranslation('nl');
  assert.equal(runPage('nl', 'files'), 'Files');
  assert.equal(warn.mock.callCount(), 1);
});

test('a table without a namespace keeps English and Japanese', () => {
  const unnamed = defineMessages({ hello: 'Hello' }, { hello: 'こんにちは' });
  addTranslation('it', { anything: { hello: 'Ciao' } });
  assert.equal(unnamed('it', 'hello'), 'Hello');
  assert.equal(unnamed('ja-JP', 'hello'), 'こんにちは');
});

test('numbers and dates follow the language tag, whether or not it has labels', () => {
  assert.equal(formatExactNumber(1234567.5, 'de'), '1.234.567,5');
  assert.equal(formatExactNumber(1234567.5, 'en'), '1,234,567.5');
  assert.equal(formatExactNumber(1234567.5, 'fr-CH'), new Intl.NumberFormat('fr-CH').format(1234567.5));
  assert.equal(formatNumber(0.125, 'de'), '0,125');
  const t = Date.UTC(2024, 4, 1, 12, 0, 0);
  const expected = new Intl.DateTimeFormat('de', { dateStyle: 'medium', timeStyle: 'medium' }).format(t);
  assert.equal(formatDateTime(t, 'de'), expected);
  assert.notEqual(formatDateTime(t, 'de'), formatDateTime(t, 'en'));
});
