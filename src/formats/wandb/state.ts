/**
 * The state of a W&B run from every piece of evidence its folder holds, strongest first:
 *
 * 1. An exit record in the datastore: code 0 (or absent: proto3 does not write a 0) → `finished`,
 *    else `failed`.
 * 2. An exit code the SDK recorded in its debug logs (a datastore cut short, or none at all).
 * 3. A sign of life (a record's time, the metadata heartbeat, files still growing) within
 *    `thresholdMs` of `now` → `running`.
 * 4. The console ends in a Python traceback → `failed` (code unknown).
 * 5. A datastore that holds records but stops without an exit → `crashed` (killed, OOM, machine
 *    lost). Without one (a run read from `files/` alone) nothing says how the run ended →
 *    `unknown`; so too when the writer closed its stream normally without recording a code.
 */

import type { RunState } from '../../data/source.js';
import { DEFAULT_HEARTBEAT_THRESHOLD_MS } from '../../data/source.js';

export interface StateInput {
  exit?: { exitCode: number };
  /** An exit code recorded outside the datastore (debug logs). */
  recordedExit?: { exitCode: number };
  /** Epoch ms of the latest record, heartbeat or file change; absent when nothing carried a time. */
  lastActivity?: number;
  /** Epoch ms */
  now: number;
  thresholdMs?: number;
  /** The datastore holds records (so its silence without an exit is a crash). Default true. */
  datastore?: boolean;
  /** The writer closed the run's stream normally (the run ended, its code unknown). */
  closed?: boolean;
  /** The console's last lines are a Python traceback. */
  endsInTraceback?: boolean;
}

export function deriveRunState(s: StateInput): RunState {
  const exit = s.exit ?? s.recordedExit;
  if (exit) return exit.exitCode === 0 ? 'finished' : 'failed';
  const threshold = s.thresholdMs ?? DEFAULT_HEARTBEAT_THRESHOLD_MS;
  const live =
    !s.closed && s.lastActivity !== undefined && Number.isFinite(s.lastActivity) && s.now - s.lastActivity <= threshold;
  if (live) return 'running';
  if (s.endsInTraceback) return 'failed';
  if (s.closed) return 'unknown';
  return s.datastore === false ? 'unknown' : 'crashed';
}

/** Lines of W&B's own that may follow the user's last output (`wandb: Synced …`). */
const WANDB_LINE = /^wandb:/;
const TRACEBACK_HEADER = 'Traceback (most recent call last):';
/** `KeyboardInterrupt`, `ValueError: bad`, `torch.cuda.OutOfMemoryError: CUDA out of memory…` */
const EXCEPTION_LINE = /^[A-Za-z_][\w.]*(?::.*)?$/;
/** How far back from the end the traceback's header may be. */
const MAX_TRACEBACK_LINES = 1000;
/** Lines an exception's message may take after its first line (CUDA errors add advice). */
const MAX_MESSAGE_LINES = 20;

/**
 * True when the console ends in a Python traceback: the last `Traceback (most recent call
 * last):` near the end is followed by its frames (indented lines), then an exception line
 * (`Name` or `Name: message`), then at most a few more message lines, blank lines and W&B's own
 * `wandb:` lines up to the end.
 */
export function endsInTraceback(lines: readonly { text: string }[] | readonly string[]): boolean {
  const text = (i: number) => {
    const l = lines[i]!;
    return (typeof l === 'string' ? l : l.text).replace(/\r$/, '');
  };
  const stop = Math.max(0, lines.length - MAX_TRACEBACK_LINES);
  let header = -1;
  for (let i = lines.length - 1; i >= stop; i--) {
    if (text(i).startsWith(TRACEBACK_HEADER)) {
      header = i;
      break;
    }
  }
  if (header < 0) return false;
  let i = header + 1;
  while (i < lines.length && (text(i).trim() === '' || /^\s/.test(text(i)))) i++;
  if (i >= lines.length || !EXCEPTION_LINE.test(text(i))) return false;
  let rest = 0;
  for (i++; i < lines.length; i++) {
    const t = text(i);
    if (t.trim() !== '' && !WANDB_LINE.test(t)) rest++;
  }
  return rest <= MAX_MESSAGE_LINES;
}
