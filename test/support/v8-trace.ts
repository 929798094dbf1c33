/**
 * For tests that hot code stays optimised: runs a script in a child Node with V8's optimisation
 * traces on (compiled on the main thread, so the trace is in step with the script's own output)
 * and splits the trace where the script prints a line `zooms`: what ran before (the full views
 * that warm the code up) and what ran after (the zooms that must not throw that code away).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface OptimisationTrace {
  warm: string;
  zooms: string;
}

/** Runs `script` (a .ts file URL) from the repository root with the traces on. */
export function optimisationTrace(script: URL): OptimisationTrace {
  const flags = ['--trace-opt', '--trace-deopt', '--no-concurrent-recompilation'];
  const out = execFileSync(process.execPath, ['--import', 'tsx', ...flags, fileURLToPath(script)], {
    cwd: fileURLToPath(new URL('../../', import.meta.url)),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const [warm, zooms] = out.split(/^zooms$/m);
  if (zooms === undefined) throw new Error(`${script.pathname} printed no "zooms" line`);
  return { warm: warm!, zooms };
}

/** Whether the trace shows `name` compiled by an optimising tier. */
export function optimised(trace: string, name: string): boolean {
  return new RegExp(`completed (compiling|optimizing) \\S+ <JSFunction ${name} `).test(trace);
}

/**
 * The trace's deoptimisation lines of functions named `names`. Name them: the child process runs
 * other code too (tsx's disk cache, for one, expires entries while the script runs), whose
 * deoptimisations say nothing of the code under test.
 */
export function deoptimisations(trace: string, names: readonly string[]): string[] {
  const line = new RegExp(`deoptimizing \\S+ <JSFunction (${names.join('|')}) `);
  return trace.split('\n').filter((l) => line.test(l));
}
