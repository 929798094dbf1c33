/**
 * `runpage export --file-contents`: the bundle carries each file's bytes (text as text, binary as
 * base64) up to `--max-file-bytes`, so previews and downloads work from it; larger files stay
 * listed without contents, with a warning on the run.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/server/cli.js';
import { sourceFromBundle } from '../../../src/data/bundle.js';
import { exitRecord, frame, historyRecord, runRecord } from '../formats/wandb/helpers.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe('runpage export --file-contents', () => {
  let dir: string;
  let runDir: string;
  const binary = Uint8Array.from([0, 1, 2, 254, 255, 0x89, 0x50, 0x4e, 0x47]);

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'runpage-export-files-'));
    runDir = join(dir, 'wandb', 'run-20240101_120000-files1');
    mkdirSync(join(runDir, 'files', 'sub'), { recursive: true });
    writeFileSync(join(runDir, 'files', 'requirements.txt'), 'torch==2.3\n');
    writeFileSync(join(runDir, 'files', 'sub', 'notes.md'), '# Ünïcode <b>notes</b>\n');
    writeFileSync(join(runDir, 'files', 'blob.bin'), binary);
    writeFileSync(join(runDir, 'files', 'big.log'), 'x'.repeat(5000));
    const t0 = Date.UTC(2024, 0, 1, 12);
    writeFileSync(
      join(runDir, 'run-files1.wandb'),
      frame([
        runRecord({ id: 'files1', project: 'export', name: 'files', startMs: t0 }),
        historyRecord(
          [
            ['loss', '1'],
            ['_step', '0'],
          ],
          0,
        ),
        exitRecord(0, 1),
      ]),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('carries the bytes of files up to the limit, text and binary alike', async () => {
    const out = join(dir, 'files.runpage.json');
    const cli = io();
    const r = await main(['export', runDir, '-o', out, '--file-contents', '--max-file-bytes', '1000'], cli.io);
    assert.equal(r.code, 0, cli.err.join('\n'));
    const json = JSON.parse(readFileSync(out, 'utf8'));
    const source = sourceFromBundle(json);
    const text = await source.readFile!('files1', 'files/requirements.txt');
    assert.equal(new TextDecoder().decode(text.bytes), 'torch==2.3\n');
    const md = await source.readFile!('files1', 'files/sub/notes.md');
    assert.equal(new TextDecoder().decode(md.bytes), '# Ünïcode <b>notes</b>\n');
    const blob = await source.readFile!('files1', 'files/blob.bin');
    assert.deepEqual([...blob.bytes], [...binary]);
    // The large file is listed, with its size, and cannot be read.
    const listing = await source.listFiles('files1', 'files');
    assert.equal(listing.entries.find((e) => e.path === 'files/big.log')?.size, 5000);
    await assert.rejects(source.readFile!('files1', 'files/big.log'));
    const info = await source.getRun('files1');
    assert.ok(
      (info.warnings ?? []).some((w) => /1 files over 1000 bytes/.test(w)),
      JSON.stringify(info.warnings),
    );
    // Text travels as text, not base64.
    assert.ok(JSON.stringify(json).includes('torch==2.3'));
  });

  it('--files alone keeps names only; --max-file-bytes needs --file-contents', async () => {
    const out = join(dir, 'names.runpage.json');
    assert.equal((await main(['export', runDir, '-o', out, '--files'], io().io)).code, 0);
    const source = sourceFromBundle(JSON.parse(readFileSync(out, 'utf8')));
    assert.equal((await source.listFiles('files1', 'files')).entries.length, 4);
    await assert.rejects(source.readFile!('files1', 'files/requirements.txt'));
    const cli = io();
    const r = await main(['export', runDir, '-o', out, '--max-file-bytes', '10'], cli.io);
    assert.equal(r.code, 2);
    assert.match(cli.err.join('\n'), /needs --file-contents/);
  });
});
