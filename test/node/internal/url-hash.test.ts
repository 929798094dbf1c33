import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bareHashEntries, isSharedHash, readHashKey, writeHashKey } from '../../../src/internal/url-hash.js';

test('reads one key among others; a malformed encoding reads as absent', () => {
  const hash = '#tab=logs&L=120-140&files=/ckpt/a%20b.pt';
  assert.equal(readHashKey(hash, 'tab'), 'logs');
  assert.equal(readHashKey(hash, 'L'), '120-140');
  assert.equal(readHashKey(hash, 'files'), '/ckpt/a b.pt');
  assert.equal(readHashKey(hash, 'nothing'), undefined);
  assert.equal(readHashKey('#files=%E0%A4%A', 'files'), undefined);
  assert.equal(readHashKey('#%E0%A4%A=1', 'x'), undefined);
  assert.equal(readHashKey('#logs', 'logs'), undefined, 'a bare word is not a key');
});

test('writes its key in place or at the end and keeps every other entry as written', () => {
  assert.equal(writeHashKey('', 'L', '3'), '#L=3');
  assert.equal(writeHashKey('#tab=logs&files=/a%20b/', 'L', '3-9'), '#tab=logs&files=/a%20b/&L=3-9');
  assert.equal(writeHashKey('#tab=logs&L=3&files=/a/', 'L', '4'), '#tab=logs&L=4&files=/a/');
  assert.equal(writeHashKey('#tab=logs&L=3', 'L', undefined), '#tab=logs');
  assert.equal(writeHashKey('#L=3', 'L', undefined), '');
  assert.equal(writeHashKey('#files=/', 'files', '/a&b=c/'), '#files=/a%26b%3Dc/');
});

test('old bare entries stay until their owner writes, then are replaced', () => {
  const oldLine = (w: string) => /^L\d/.test(w);
  assert.equal(writeHashKey('#logs&L12-L20', 'L', '13', oldLine), '#logs&L=13');
  assert.equal(writeHashKey('#logs', 'L', '13', oldLine), '#logs&L=13');
  assert.equal(writeHashKey('#logs&L=13', 'L', undefined, oldLine), '#logs');
  assert.deepEqual(bareHashEntries('#logs&L12-L20&tab=x'), ['logs', 'L12-L20']);
});

test('a hash in the page own form is not shared', () => {
  for (const ours of ['', '#', '#tab=logs', '#logs', '#L12-L20', '#logs&L=3', '#files=/%E0%A4%A', '#%E0%A4%A=1&L=3']) {
    assert.equal(isSharedHash(ours), true, ours);
  }
  for (const theirs of ['#/settings', '#intro', '#tab', '#a=1&/route', '#/a=b', '#%E0%A4%A']) {
    assert.equal(isSharedHash(theirs), false, theirs);
  }
});
