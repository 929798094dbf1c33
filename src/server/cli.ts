/**
 * The `runpage` command line (bin/runpage.js calls `main`):
 *
 *   runpage serve <paths…> [options]      a thin shell over createRunpageHandler (src/server/handler.ts)
 *   runpage export <path> -o run.runpage.json [--run ID] [--metrics GLOB] [--max-points N] [--logs] [--files]
 *                  [--file-contents [--max-file-bytes N]]
 *   runpage --help
 */
import { readFile, writeFile } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { DEFAULT_HEARTBEAT_THRESHOLD_MS } from '../data/source.js';
import { tokenFromFileText } from './auth.js';
import { defaultCacheDir } from './cache-dir.js';
import { discoverRuns } from './discover.js';
import { DEFAULT_MAX_POINTS, exportBundle } from './export-bundle.js';
import { DEFAULT_MAX_FILE_BYTES, withFileContents } from './export-files.js';
import type { RunpageHandlerOptions } from './handler.js';
import { rawFileUrl } from './registry.js';
import { loadRun } from './run-loaders.js';
import { startServer, type RunpageServer } from './server.js';

export const HELP = `runpage: ML run pages for runs on disk (W&B folders, TensorBoard event files, MLflow mlruns/)
and on MLflow tracking servers

Usage:
  runpage serve <paths…> [options]
      Finds the runs under the paths (and in any .runpage.json bundles given) and serves their
      run pages, live while they are written. See docs/deploy.md for serving a team.
      --port N                  port to listen on (default 8080; 0 picks a free one)
      --host H                  address to bind (default 127.0.0.1: this machine only)
      --crash-after S           a running run silent this long without an exit is shown crashed (default 300)
      --mlflow URL              also serve the runs of this MLflow tracking server (experiments as projects)
      --mlflow-token-file FILE  token sent to the tracking server as Authorization: Bearer
                                (or the environment variable MLFLOW_TRACKING_TOKEN)
      --mlflow-token TOKEN      the same, given on the command line (other users of the machine
                                can read it in the process list: prefer the file or the variable)
      --auth-token-file FILE    every request needs this token: Authorization: Bearer <token>, or
                                the sign-in form in a browser (or RUNPAGE_AUTH_TOKEN; at least 16 characters)
      --public                  leave the runs' private details out of every answer: host, user,
                                command, Python executable, git credentials, secrets and
                                environment variables in configs, the files that hold them
      --cors ORIGINS            comma-separated origins whose pages may read the API
      --allowed-hosts NAMES     comma-separated host names to answer to besides the loopback
                                names (what a reverse proxy forwards as Host)
      --base-path PATH          the prefix requests arrive with behind a proxy that keeps it
      --frame-ancestors SRCS    comma-separated pages that may embed the served pages ('self',
                                https://portal.example.com); by default none may
      --cache-dir DIR           where runpage keeps its caches: the runs list, and runs that have
                                ended, so that they reopen without being read again (default
                                $XDG_CACHE_HOME/runpage, else ~/.cache/runpage; nothing is ever
                                written inside the run folders)
      --cache-max-mb N          most megabytes of cached runs; the runs used least recently go
                                first (default 8192)
      --no-cache                keep no cache on disk

  runpage export <path> -o <file.runpage.json> [options]
      Writes one run as a static bundle for <metric-chart src="…"> and <run-page src="…">.
      <path>               a run folder, or a folder holding exactly one run (else give --run)
      -o, --output FILE    where to write the bundle
      --run ID             which run, when <path> holds several
      --metrics GLOBS      metrics to include, comma-separated globs (train/*, system.**); default all
      --max-points N       most points per metric, chosen with M4 so spikes survive (default ${DEFAULT_MAX_POINTS})
      --logs               include the console log
      --files              include the file list (names and sizes, no contents)
      --file-contents      include the file list with each file's contents, so previews and
                           downloads work from the bundle
      --max-file-bytes N   with --file-contents: larger files are listed without contents
                           (default ${DEFAULT_MAX_FILE_BYTES})

  runpage --help         this text
`;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface CliResult {
  code: number;
  /** Set by `serve`: the running server (the process stays up while it listens). */
  server?: RunpageServer;
}

interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

const VALUED = new Set([
  'port',
  'host',
  'crash-after',
  'output',
  'run',
  'metrics',
  'max-points',
  'max-file-bytes',
  'mlflow',
  'mlflow-token-file',
  'mlflow-token',
  'auth-token-file',
  'cors',
  'allowed-hosts',
  'base-path',
  'frame-ancestors',
  'cache-dir',
  'cache-max-mb',
]);
const FLAGS = new Set(['logs', 'files', 'file-contents', 'help', 'public', 'no-cache']);
const SHORT: Record<string, string> = { o: 'output', h: 'help', p: 'port' };

class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    const m = /^(?:--([a-z-]+)|-([a-z]))(?:=(.*))?$/.exec(arg);
    if (!m) {
      positional.push(arg);
      continue;
    }
    const name = m[1] ?? SHORT[m[2]!];
    if (!name || (!VALUED.has(name) && !FLAGS.has(name))) throw new UsageError(`Unknown option ${arg}.`);
    if (FLAGS.has(name)) {
      if (m[3] !== undefined) throw new UsageError(`--${name} takes no value.`);
      options.set(name, true);
      continue;
    }
    const value = m[3] ?? argv[++i];
    if (value === undefined) throw new UsageError(`${arg} needs a value.`);
    options.set(name, value);
  }
  return { positional, options };
}

function intOption(args: ParsedArgs, name: string, fallback: number, min: number): number {
  const v = args.options.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (typeof v !== 'string' || !Number.isInteger(n) || n < min)
    throw new UsageError(`--${name} must be an integer ≥ ${min}, got ${String(v)}.`);
  return n;
}

function stringOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  return typeof v === 'string' ? v : undefined;
}

export async function main(
  argv: readonly string[],
  io: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) },
  env: Record<string, string | undefined> = process.env,
): Promise<CliResult> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv);
    const [command, ...rest] = args.positional;
    if (args.options.has('help') || command === 'help' || command === undefined) {
      io.out(HELP);
      return { code: command === undefined && !args.options.has('help') ? 1 : 0 };
    }
    if (command === 'serve') return await serveCommand(rest, args, io, env);
    if (command === 'export') return await exportCommand(rest, args, io);
    throw new UsageError(`Unknown command ${command}.`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`runpage: ${e.message}\nRun runpage --help for usage.`);
      return { code: 2 };
    }
    io.err(`runpage: ${(e as Error)?.message ?? String(e)}`);
    return { code: 1 };
  }
}

function listOption(args: ParsedArgs, name: string): string[] | undefined {
  const v = stringOption(args, name);
  if (v === undefined) return undefined;
  const list = v
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  if (list.length === 0) throw new UsageError(`--${name} needs at least one value.`);
  return list;
}

/** A secret from a file (its final newline dropped), else from an environment variable. */
async function secretOption(
  args: ParsedArgs,
  name: string,
  env: Record<string, string | undefined>,
  variable: string,
): Promise<string | undefined> {
  const file = stringOption(args, name);
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      throw new Error(`--${name}: ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`, {
        cause: e,
      });
    }
    const token = tokenFromFileText(text);
    if (token === '') throw new Error(`--${name}: ${file} is empty.`);
    return token;
  }
  const fromEnv = env[variable];
  return fromEnv === undefined || fromEnv.trim() === '' ? undefined : fromEnv.trim();
}

/** Every `serve` option as handler options (the handler checks their values). */
async function serveOptions(
  paths: string[],
  args: ParsedArgs,
  io: CliIo,
  env: Record<string, string | undefined>,
): Promise<RunpageHandlerOptions> {
  const mlflow = stringOption(args, 'mlflow');
  if (paths.length === 0 && mlflow === undefined)
    throw new UsageError('serve needs at least one folder, or --mlflow URL.');
  const crashAfter = intOption(args, 'crash-after', DEFAULT_HEARTBEAT_THRESHOLD_MS / 1000, 1);
  const o: RunpageHandlerOptions = {
    paths,
    heartbeatThresholdMs: crashAfter * 1000,
    log: io.err,
    public: args.options.has('public'),
    authToken: await secretOption(args, 'auth-token-file', env, 'RUNPAGE_AUTH_TOKEN'),
    cors: listOption(args, 'cors'),
    allowedHosts: listOption(args, 'allowed-hosts'),
    basePath: stringOption(args, 'base-path'),
    frameAncestors: listOption(args, 'frame-ancestors'),
  };
  const cacheDir = stringOption(args, 'cache-dir');
  if (args.options.has('no-cache') && cacheDir !== undefined)
    throw new UsageError('--cache-dir and --no-cache cannot be given together.');
  if (!args.options.has('no-cache')) {
    o.cacheDir = nodePath.resolve(cacheDir ?? defaultCacheDir(env));
    if (args.options.has('cache-max-mb')) o.cacheMaxBytes = intOption(args, 'cache-max-mb', 8192, 1) * 1024 * 1024;
  }
  if (mlflow !== undefined) {
    try {
      if (!/^https?:$/.test(new URL(mlflow).protocol)) throw new Error('not http');
    } catch {
      throw new UsageError(`--mlflow needs the tracking server's http(s) URL, got ${JSON.stringify(mlflow)}.`);
    }
    o.mlflow = mlflow;
    o.mlflowToken =
      stringOption(args, 'mlflow-token') ??
      (await secretOption(args, 'mlflow-token-file', env, 'MLFLOW_TRACKING_TOKEN'));
  }
  return o;
}

async function serveCommand(
  paths: string[],
  args: ParsedArgs,
  io: CliIo,
  env: Record<string, string | undefined>,
): Promise<CliResult> {
  const port = intOption(args, 'port', 8080, 0);
  const options = await serveOptions(paths, args, io, env);
  let server: RunpageServer;
  try {
    server = await startServer(undefined, { ...options, port, host: stringOption(args, 'host') });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'EADDRINUSE') throw new Error(`port ${port} is in use; choose another with --port.`, { cause: e });
    throw e;
  }
  const { runs, problems } = await server.handler.ready;
  for (const p of problems) io.err(`runpage: ${p}`);
  const extras = [options.authToken ? 'token required' : '', options.public ? 'private details hidden' : '']
    .filter(Boolean)
    .join(', ');
  io.out(`runpage: serving ${runs} run${runs === 1 ? '' : 's'} at ${server.url}${extras ? ` (${extras})` : ''}`);
  return { code: 0, server };
}

/**
 * What bin/runpage.js runs: a command, and for `serve` a process that keeps serving until SIGINT or
 * SIGTERM (Ctrl-C, `docker stop`, `systemctl stop`), then closes its connections and exits 0.
 */
export async function runCli(argv: readonly string[]): Promise<void> {
  const result = await main(argv);
  const server = result.server;
  if (!server) {
    process.exitCode = result.code;
    return;
  }
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function exportCommand(paths: string[], args: ParsedArgs, io: CliIo): Promise<CliResult> {
  if (paths.length !== 1) throw new UsageError('export needs exactly one run folder.');
  const output = stringOption(args, 'output');
  if (!output) throw new UsageError('export needs -o <file.runpage.json>.');
  const { runs, problems } = await discoverRuns(paths);
  if (problems.length) throw new Error(problems.join('; '));
  const wanted = stringOption(args, 'run');
  const candidates = wanted === undefined ? runs : runs.filter((r) => r.id === wanted);
  if (candidates.length === 0)
    throw new Error(wanted === undefined ? `no run found under ${paths[0]}.` : `no run ${wanted} under ${paths[0]}.`);
  if (candidates.length > 1)
    throw new Error(
      `${paths[0]} holds ${candidates.length} runs; choose one with --run: ${candidates.map((r) => r.id).join(', ')}`,
    );
  const loc = candidates[0];
  const loaded = await loadRun(loc, {
    now: Date.now(),
    heartbeatThresholdMs: DEFAULT_HEARTBEAT_THRESHOLD_MS,
    fileUrl: (p) => rawFileUrl(loc.id, p),
  });
  // Media URLs point at a server; a static bundle has no server behind it.
  const { media: _media, ...run } = loaded.run;
  void _media;
  const contents = args.options.has('file-contents');
  if (!contents && args.options.has('max-file-bytes')) throw new UsageError('--max-file-bytes needs --file-contents.');
  if (contents && run.files) {
    const read = await withFileContents(
      run.files,
      loaded.files,
      intOption(args, 'max-file-bytes', DEFAULT_MAX_FILE_BYTES, 0),
    );
    run.files = read.files;
    if (read.warnings.length) run.info = { ...run.info, warnings: [...(run.info.warnings ?? []), ...read.warnings] };
  }
  const bundle = exportBundle(run, {
    metrics: stringOption(args, 'metrics'),
    maxPoints: intOption(args, 'max-points', DEFAULT_MAX_POINTS, 4),
    logs: args.options.has('logs'),
    files: contents ? 'contents' : args.options.has('files'),
  });
  await writeFile(output, JSON.stringify(bundle));
  const metricCount = (bundle.runs[0] as { metrics?: unknown[] }).metrics?.length ?? 0;
  io.out(`runpage: wrote ${loc.format} run ${loc.id} (${metricCount} metrics) to ${output}`);
  return { code: 0 };
}
