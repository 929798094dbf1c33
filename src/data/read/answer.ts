/**
 * How a checked source (checked-source.ts) reads one answer with the readers of a module: the
 * repairs collected, the error when the answer cannot be used at all, the report of what was
 * repaired. It travels with the readers, so a page whose answers need no reading never loads it.
 */
import type { ReadReport } from './repairs.js';
import { describeFailure, SourceError } from '../errors.js';
import { LazyModule } from '../source.js';
import type { RunSource } from '../source.js';
import { Repairs } from './repairs.js';
import { NeedsRepairing, repairsLoaded } from './repair-slot.js';

/**
 * The readers' repairing paths (later/repairing.ts), loaded with the first answer that needs one
 * and handed to the readers through repair-slot.ts. A failed load is told as a retryable SourceError.
 */
export const repairing = new LazyModule(
  () => import('./later/repairing.js').then((m) => (repairsLoaded.now = m)),
  (e) =>
    new SourceError(
      'unavailable',
      `The code that repairs the source's answers could not be loaded: ${describeFailure(e)}`,
      {
        retryable: true,
        cause: e,
      },
    ),
);

/** The methods that answer with a promise (the two watches are read event by event). */
export type Asked = Exclude<keyof RunSource, 'defaultRunId' | 'fileUrl' | 'watch' | 'watchRuns'>;
type Args<N extends Asked> = Parameters<NonNullable<RunSource[N]>>;
type Answer<N extends Asked> = Awaited<ReturnType<NonNullable<RunSource[N]>>>;

/** The reader of each method's answer a module reads, given the call's arguments. */
export type AnswerReaders = {
  readonly [N in Asked]?: (answer: unknown, r: Repairs, args: Args<N>) => Answer<N> | undefined;
};

/**
 * Reads the answer of `name` called with `args`; throws the SourceError to answer with instead. An
 * answer that needs the repairing paths before they are in is read once they are: a promise of it.
 */
export type ReadAnswer = (name: Asked, args: unknown[], answer: unknown, report?: ReadReport) => unknown;

/** What each method's answer should have been, for the message when it is not. */
const EXPECTED: Record<Asked, string> = {
  getRun: 'a run',
  listRuns: 'a list of runs',
  queryRuns: 'a page of runs',
  listMetrics: 'a list of metrics',
  getSeries: 'a list of series',
  getLogs: 'a chunk of log lines',
  searchLogs: 'search matches',
  listFiles: 'a file listing',
  readFile: 'file bytes',
  readArtifactFile: 'file bytes',
  listArtifacts: 'a list of artifacts',
  getArtifact: 'an artifact',
  getModel: 'a model graph',
  listMedia: 'a list of media keys',
  getMedia: 'a list of media items',
};

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object of another shape' : typeof v;
}

/** A short text naming the request, so a repeated request replaces its earlier repairs. */
function requestKey(method: string, args: readonly unknown[]): string {
  try {
    const plain = args.filter((a) => !(a && typeof a === 'object' && 'signal' in a));
    return `${method} ${JSON.stringify(plain)}`;
  } catch {
    return method;
  }
}

/** The `ReadAnswer` of a module whose readers are `readers`. */
export function answerReader(readers: AnswerReaders): ReadAnswer {
  const readAnswer: ReadAnswer = (name, args, answer, report) => {
    const read = readers[name] as (answer: unknown, r: Repairs, args: unknown[]) => unknown;
    const r = new Repairs(name);
    let value: unknown;
    try {
      value = read(answer, r, args);
    } catch (e) {
      if (e instanceof NeedsRepairing) return repairing.get().then(() => readAnswer(name, args, answer, report));
      throw new SourceError('invalid-data', `The source's answer to ${name} could not be read: ${describeFailure(e)}`, {
        retryable: true,
      });
    }
    // Retryable: a source that answered badly once may answer well when asked again.
    if (value === undefined) {
      const message = r.unusable ?? `The source answered ${name} with ${kindOf(answer)}, not ${EXPECTED[name]}.`;
      throw new SourceError('invalid-data', message, { retryable: true });
    }
    if (!r.empty) report?.repaired(requestKey(name, args), r.list);
    return value;
  };
  return readAnswer;
}

/** The items of a list answer that `read` could read; undefined when the answer is not a list. */
export function readArray<T>(
  answer: unknown,
  r: Repairs,
  read: (item: unknown, r: Repairs, i: number) => T | undefined,
): T[] | undefined {
  if (!Array.isArray(answer)) return undefined;
  const out: T[] = [];
  answer.forEach((item, i) => {
    const v = read(item, r, i);
    if (v !== undefined) out.push(v);
  });
  return out;
}
