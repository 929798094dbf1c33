import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  FIELD_SEPARATOR,
  highlightRanges,
  isPlainQuery,
  matchesQuery,
  parseQuery,
  queryMatcher,
} from '../../../src/data/search-query.js';

const names = ['train/loss', 'train/accuracy', 'val/loss', 'epoch', 'model.py', 'model.pyc', 'ckpt-07.pt'];
const find = (q: string, o?: { glob?: boolean }) => names.filter(queryMatcher(q, o));

test('plain words are case-insensitive substrings that must all match', () => {
  assert.deepEqual(find('LOSS'), ['train/loss', 'val/loss']);
  assert.deepEqual(find('train loss'), ['train/loss']);
  assert.deepEqual(find('   '), names);
  assert.deepEqual(find('a.b'), []);
  assert.deepEqual(parseQuery('').terms, []);
});

test('quotes keep spaces; a lone - or ! is plain text', () => {
  const m = queryMatcher('"b c"');
  assert.equal(m('a b c'), true);
  assert.equal(m('b  c'), false);
  assert.equal(queryMatcher('-')('a-b'), true);
  assert.equal(queryMatcher('-')('ab'), false);
});

test('/regex/flags, with spaces inside and case-insensitive', () => {
  assert.deepEqual(find('/^val\\//'), ['val/loss']);
  assert.deepEqual(find('/ACC|epoch/'), ['train/accuracy', 'epoch']);
  assert.equal(queryMatcher('/a b/')('xa by'), true);
  assert.equal(parseQuery('/x/m').terms[0].re.flags, 'im');
});

test('- and ! exclude, with any kind of term', () => {
  assert.deepEqual(find('train -loss'), ['train/accuracy']);
  assert.deepEqual(find('loss !val'), ['train/loss']);
  assert.deepEqual(find('-/^(train|val)\\//'), ['epoch', 'model.py', 'model.pyc', 'ckpt-07.pt']);
  assert.deepEqual(find('-*.py'), ['train/loss', 'train/accuracy', 'val/loss', 'epoch', 'model.pyc', 'ckpt-07.pt']);
});

test('globs match a whole field, unless turned off', () => {
  assert.deepEqual(find('*.py'), ['model.py']);
  assert.deepEqual(find('ckpt-??.pt'), ['ckpt-07.pt']);
  assert.deepEqual(find('[mv]*'), ['val/loss', 'model.py', 'model.pyc']);
  assert.deepEqual(find('*.py', { glob: false }), []);
  const text = ['encoder', 'Linear', '[1, 64]'].join(FIELD_SEPARATOR);
  assert.equal(queryMatcher('lin*')(text), true);
  assert.equal(queryMatcher('enc*')(text), true);
  assert.equal(queryMatcher('coder*')(text), false);
});

test('a bad regex is reported and matched as text', () => {
  for (const q of ['/(unclosed/', '/abc', '/abc/g', '/a/y']) {
    const p = parseQuery(`x ${q}`);
    assert.ok(p.error && p.error.length > 0, q);
    assert.equal(p.invalid, q);
    assert.equal(p.terms.length, 2);
    assert.equal(p.terms[1].kind, 'text');
  }
  assert.equal(queryMatcher('/[/')('a/[/b'), true);
  assert.equal(parseQuery('/ok/').error, undefined);
});

test('hostile input neither throws nor hangs', () => {
  for (const q of ['/', '//', '\\', '-/', '!"', '"', '[', '[z-a]', '/(?<=/', '/\\/', 'a'.repeat(10_000)]) {
    const p = parseQuery(q);
    assert.equal(typeof matchesQuery(p.terms, 'some text'), 'boolean', q);
  }
  assert.deepEqual(parseQuery(undefined as unknown as string).terms, []);
});

test('plain queries allow a lower-cased includes fast path', () => {
  assert.equal(isPlainQuery('loss'), true);
  assert.equal(isPlainQuery(' Loss '), true);
  assert.equal(isPlainQuery('-'), true);
  for (const q of ['a b', '-a', '!a', '/a/', '"a"', '*.py']) assert.equal(isPlainQuery(q), false, q);
  assert.equal(isPlainQuery('*.py', { glob: false }), true);
});

test('highlight ranges merge overlapping matches and skip exclusions', () => {
  const p = parseQuery('los oss -val');
  assert.deepEqual(highlightRanges(p.terms, 'train/loss'), [[6, 10]]);
  assert.deepEqual(highlightRanges(parseQuery('/a/').terms, 'train/accuracy'), [
    [2, 3],
    [6, 7],
    [11, 12],
  ]);
});
