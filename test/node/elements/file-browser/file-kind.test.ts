import { test } from 'node:test';
import assert from 'node:assert/strict';
import { iconKindOf, languageOf, previewKindOf } from '../../../../src/elements/file-browser/file-kind.js';
import { looksLikeText } from '../../../../src/elements/file-browser/file-bytes.js';

test('preview kind from name and mime', () => {
  const cases: [string, string | undefined, string][] = [
    ['train.py', undefined, 'code'],
    ['config.yaml', undefined, 'code'],
    ['wandb-summary.json', undefined, 'json'],
    ['analysis.ipynb', undefined, 'notebook'],
    ['README.md', undefined, 'markdown'],
    ['diff.patch', undefined, 'diff'],
    ['x.diff', undefined, 'diff'],
    ['table.csv', undefined, 'csv'],
    ['table.TSV', undefined, 'tsv'],
    ['a.PNG', undefined, 'image'],
    ['logo.svg', undefined, 'svg'],
    ['clip.wav', undefined, 'audio'],
    ['rollout.mp4', undefined, 'video'],
    ['model.safetensors', undefined, 'binary'],
    ['events.out.tfevents.1700000000.host', undefined, 'binary'],
    ['LICENSE', undefined, 'code'],
    ['weird', undefined, 'unknown'],
    ['blob', 'image/png', 'image'],
    ['notes', 'text/plain', 'code'],
  ];
  for (const [name, mime, kind] of cases) assert.equal(previewKindOf(name, mime), kind, name);
});

test('languages for the run files people open', () => {
  assert.equal(languageOf('train.py'), 'python');
  assert.equal(languageOf('pyproject.toml'), 'ini');
  assert.equal(languageOf('setup.cfg'), 'ini');
  assert.equal(languageOf('run.sh'), 'bash');
  assert.equal(languageOf('output.log'), 'plaintext');
  assert.equal(languageOf('Dockerfile'), 'dockerfile');
  assert.equal(languageOf('model.pt'), undefined);
});

test('icons per kind', () => {
  assert.equal(iconKindOf('media', 'dir'), 'folder');
  assert.equal(iconKindOf('a.png', 'file'), 'image');
  assert.equal(iconKindOf('model.pt', 'file'), 'model');
  assert.equal(iconKindOf('x.zip', 'file'), 'archive');
  assert.equal(iconKindOf('t.csv', 'file'), 'table');
  assert.equal(iconKindOf('train.py', 'file'), 'code');
  assert.equal(iconKindOf('out.log', 'file'), 'text');
});

test('text sniffing', () => {
  assert.equal(looksLikeText(new TextEncoder().encode('hello\nworld ✓ 日本語\t\r\n')), true);
  assert.equal(looksLikeText(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13])), false);
  assert.equal(looksLikeText(new Uint8Array(100).fill(1)), false);
});
