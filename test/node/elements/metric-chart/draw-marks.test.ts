import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('the first zoom to raw points draws the marks with the code the full view optimised', () => {
  // the dot count used to first run there (raw points are counted for dots): cold, and it threw
  // away drawMarks' optimised code, ~1 ms of the chart's first zoom to 0.1 %
  const script = fileURLToPath(new URL('./support/draw-marks-zooms.ts', import.meta.url));
  const flags = ['--trace-opt', '--trace-deopt', '--no-concurrent-recompilation'];
  const out = execFileSync(process.execPath, ['--import', 'tsx', ...flags, script], {
    cwd: fileURLToPath(new URL('../../../../', import.meta.url)),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const [warm, zooms] = out.split(/^zooms$/m);
  assert.ok(zooms !== undefined, 'the script marks where the zooms start');
  assert.match(warm, /completed (compiling|optimizing) \S+ <JSFunction drawMarks /, 'drawMarks optimised');
  const deopts = zooms.split('\n').filter((l) => /deoptimizing \S+ <JSFunction \w+ /.test(l));
  assert.deepEqual(deopts, []);
});
