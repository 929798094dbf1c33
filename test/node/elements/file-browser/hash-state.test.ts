import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readHashLocation, writeHashLocation } from '../../../../src/elements/file-browser/hash-state.js';

test('reads a folder and a file under its key', () => {
  assert.deepEqual(readHashLocation('#files=/media/images/', 'files'), { dir: 'media/images' });
  assert.deepEqual(readHashLocation('#tab=files&files=/media/a%20b.png', 'files'), {
    dir: 'media',
    file: 'media/a b.png',
  });
  assert.deepEqual(readHashLocation('#files=/', 'files'), { dir: '' });
  assert.equal(readHashLocation('#tab=files', 'files'), undefined);
  assert.equal(readHashLocation('#files=/../etc/passwd', 'files'), undefined);
  assert.equal(readHashLocation('#files=%E0%A4%A', 'files'), undefined);
});

test('writes its key and keeps the others exactly', () => {
  assert.equal(writeHashLocation('', 'files', { dir: 'a/b' }), '#files=/a/b/');
  assert.equal(writeHashLocation('#tab&x=1', 'files', { dir: '', file: 'a&b=c.txt' }), '#tab&x=1&files=/a%26b%3Dc.txt');
  assert.equal(writeHashLocation('#x=1&files=/a/&y=2', 'files', { dir: 'z' }), '#x=1&files=/z/&y=2');
  assert.equal(writeHashLocation('#x=1&files=/a/', 'files', undefined), '#x=1');
  assert.equal(writeHashLocation('#files=/a/', 'other', { dir: '' }), '#files=/a/&other=/');
});

test('round-trips unicode, spaces and hostile names', () => {
  for (const file of ['日本語/ファイル 1.txt', '<img src=x onerror=alert(1)>.txt', 'a#b/c%d.txt']) {
    const hash = writeHashLocation('#tab=files', 'files', { dir: file.split('/').slice(0, -1).join('/'), file });
    assert.equal(readHashLocation(hash, 'files')?.file, file);
    assert.ok(hash.startsWith('#tab=files&files=/'));
    assert.ok(!hash.slice(1).includes('#'));
  }
});
