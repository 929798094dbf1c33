/**
 * `runpage serve --public`: the rules of src/data/private-details.ts applied to everything the
 * server answers about a run, not only to what a page shows.
 *
 * A run read from disk is redacted once, as it is read (`hideLoadedRun`): its facts, every log line
 * (so a log search runs over redacted text and cannot find what is hidden), its file list, media
 * captions, artifact metadata, and everything its live feed appends later. A run served straight
 * from another source (an MLflow tracking server) is redacted answer by answer
 * (`hideServedSource`). Files that hold the same details in raw form (W&B's `wandb-metadata.json`,
 * `config.yaml`, `output.log`, `logs/debug*.log`, the `.wandb` datastore) and files whose names hold
 * them (TensorBoard event files are named after the host) are neither listed nor served.
 */
import type { MemoryAppend, MemoryFile, MemoryRun } from '../data/memory-source.js';
import type { MemoryLogLine, MemoryLogs } from '../data/memory-logs.js';
import type {
  ArtifactDetail,
  ArtifactInfo,
  FileListing,
  LogLine,
  MediaItem,
  Req,
  RunEvent,
  RunInfo,
  RunPage,
  RunQuery,
  RunRef,
} from '../data/source.js';
import { hidePrivateDetails, privateValuesOf, TextScrubber } from '../data/private-details.js';
import { SourceError, isSourceError } from '../data/errors.js';
import type { RunCatalog, ServedSource } from './catalog.js';
import type { SeriesRun, ServedRun } from './catalog.js';
import type { LiveFeed, LoadedRun, RunFiles } from './run-loaders.js';

/** Files of W&B runs that hold private details in raw form, wherever they are. */
const WANDB_PRIVATE_NAMES: readonly RegExp[] = [
  /(?:^|\/)wandb-metadata\.json$/,
  /\.wandb$/,
  /(?:^|\/)debug(?:-internal|-core)?\.log$/,
];
/** …and paths inside a W&B run folder that do. */
const WANDB_RUN_PRIVATE: readonly RegExp[] = [
  /^files\/(?:wandb-summary\.json|config\.yaml|conda-environment\.yaml|output\.log)$/,
  /^logs(?:\/|$)/,
];
/** A W&B run folder inside the served folder (a TensorBoard folder may hold one). */
const WANDB_RUN_FOLDER = /(?:^|\/)(?:offline-)?run-\d{8}_\d{6}-[^/]+\/(.*)$/;

/**
 * The host name in a TensorBoard event file's name (`events.out.tfevents.<time>.<host>.<pid>.<n>`,
 * `.v2` and other suffixes allowed); undefined for other names.
 */
export function hostOfEventFile(name: string): string | undefined {
  const m = /^events\.out\.tfevents\.\d+(?:\.\d+)?\.(.+)$/.exec(name);
  if (!m) return undefined;
  let rest = m[1].replace(/\.(?:v2|profile-empty)$/, '');
  for (let i = 0; i < 2; i++) rest = rest.replace(/\.\d+$/, '');
  return rest !== '' && !/^\d+$/.test(rest) ? rest : undefined;
}

/** Redacts one run: facts, text, file names and live changes, by one set of private values. */
export class RunRedactor {
  private values: string[];
  private scrubber: TextScrubber;
  private readonly withheld = new Set<string>();
  /** Paths are relative to a W&B run folder. */
  private readonly wandb: boolean;

  /** @param extra values private whatever the run says (the server's folder paths). */
  constructor(info: Partial<RunInfo>, extra: readonly string[] = [], filePaths: readonly string[] = []) {
    this.values = [...privateValuesOf(info), ...extra, ...eventFileHosts(filePaths)];
    this.scrubber = new TextScrubber(this.values);
    this.wandb = info.format === 'wandb';
  }

  /** Whole run facts. */
  info(info: RunInfo): RunInfo {
    this.learn(info);
    const out = hidePrivateDetails(info, this.scrubber);
    for (const w of out.withheld ?? []) this.withheld.add(w);
    if (this.withheld.size > 0) out.withheld = [...this.withheld].sort();
    return out;
  }

  /** A live change of some facts: `withheld`, when it grows, is sent whole (clients merge patches). */
  patch(patch: Partial<RunInfo>): Partial<RunInfo> {
    this.learn(patch);
    const { withheld: _ignored, ...facts } = patch;
    void _ignored;
    const out: Partial<RunInfo> = hidePrivateDetails(facts, this.scrubber);
    const before = this.withheld.size;
    for (const w of out.withheld ?? []) this.withheld.add(w);
    if (this.withheld.size > before) out.withheld = [...this.withheld].sort();
    else delete out.withheld;
    return out;
  }

  text(text: string): string {
    return this.scrubber.scrub(text);
  }

  /** A runs-list entry: its text scrubbed, private config and summary entries left out. */
  listing(ref: RunRef): RunRef {
    return hideRef(ref, this.scrubber);
  }

  /** Whether a run-relative file may be listed and served. */
  allows(path: string): boolean {
    const clean = path.replace(/^\/+/, '');
    if (WANDB_PRIVATE_NAMES.some((re) => re.test(clean))) return false;
    const inRun = this.wandb ? clean : WANDB_RUN_FOLDER.exec(clean)?.[1];
    if (inRun !== undefined && WANDB_RUN_PRIVATE.some((re) => re.test(inRun))) return false;
    const host = hostOfEventFile(clean.slice(clean.lastIndexOf('/') + 1));
    if (host !== undefined && !this.values.includes(host)) this.addValues([host]);
    return this.scrubber.scrub(clean) === clean;
  }

  /** Throws the refusal for a file that holds private details. */
  check(path: string): void {
    if (this.allows(path)) return;
    const hint = /(^|\/)output\.log$/.test(path) ? ' The Logs tab shows the console with them hidden.' : '';
    throw new SourceError(
      'unauthorized',
      `This server keeps runs' private details hidden, and this file holds them: it is not served.${hint}`,
    );
  }

  logLine<T extends MemoryLogLine | LogLine>(line: T): T {
    if (!line || typeof line.text !== 'string') return line;
    const out = { ...line, text: this.scrubber.scrub(line.text) };
    if (typeof line.label === 'string') out.label = this.scrubber.scrub(line.label);
    return out;
  }

  logs(logs: MemoryLogs | undefined): MemoryLogs | undefined {
    if (!logs) return logs;
    if (Array.isArray(logs)) return logs.map((l) => this.logLine(l));
    const line = (i: number) => this.logLine(logs.line(i));
    return {
      get count() {
        return logs.count;
      },
      line,
      get labels() {
        return logs.labels;
      },
    };
  }

  memoryFiles(files: MemoryFile[] | undefined): MemoryFile[] | undefined {
    return files?.filter((f) => this.allows(f.path));
  }

  artifact<T extends ArtifactInfo | ArtifactDetail>(a: T): T {
    const out = { ...a };
    if (typeof out.description === 'string') out.description = this.scrubber.scrub(out.description);
    const detail = out as ArtifactDetail;
    if (detail.metadata && typeof detail.metadata === 'object') {
      const { config } = hidePrivateDetails({ config: detail.metadata }, this.scrubber);
      detail.metadata = config;
    }
    return out;
  }

  media(m: MediaItem): MediaItem {
    return typeof m?.caption === 'string' ? { ...m, caption: this.scrubber.scrub(m.caption) } : m;
  }

  append(a: MemoryAppend): MemoryAppend {
    const out: MemoryAppend = { ...a };
    if (a.run) out.run = this.patch(a.run);
    if (a.logs) out.logs = a.logs.map((l) => this.logLine(l));
    if (a.files) out.files = this.memoryFiles(a.files);
    if (a.media) out.media = a.media.map((m) => this.media(m));
    if (a.artifacts) out.artifacts = a.artifacts.map((x) => this.artifact(x));
    return out;
  }

  event(e: RunEvent): RunEvent {
    if (e.type === 'run') return { ...e, run: this.patch(e.run) };
    if (e.type === 'logs') return { ...e, lines: e.lines.map((l) => this.logLine(l)) };
    return e;
  }

  files(files: RunFiles): RunFiles {
    return {
      list: async (dir) => {
        const entries = await files.list(dir);
        return entries.filter((e) => this.allows(dir ? `${dir}/${e.name}` : e.name));
      },
      stat: async (path) => {
        this.check(path);
        return files.stat(path);
      },
      stream: (path, start, end) => {
        this.check(path);
        return files.stream(path, start, end);
      },
    };
  }

  feed(feed: LiveFeed): LiveFeed {
    return {
      watchPaths: feed.watchPaths,
      fileDirs: feed.fileDirs,
      get done() {
        return feed.done;
      },
      poll: async (now) => {
        const a = await feed.poll(now);
        return a && this.append(a);
      },
    };
  }

  /** New private values seen in live facts (a config that gained a secret) are hidden from then on. */
  private learn(info: Partial<RunInfo>): void {
    const fresh = privateValuesOf(info).filter((v) => !this.values.includes(v));
    if (fresh.length > 0) this.addValues(fresh);
  }

  private addValues(values: string[]): void {
    this.values = [...this.values, ...values];
    this.scrubber = new TextScrubber(this.values);
  }
}

function eventFileHosts(paths: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of paths) {
    const host = hostOfEventFile(p.slice(p.lastIndexOf('/') + 1));
    if (host) out.add(host);
  }
  return [...out];
}

/** A run read from disk, with its private details removed from everything it will answer. */
export function hideLoadedRun(loaded: LoadedRun, extra: readonly string[] = []): LoadedRun {
  const run = loaded.run;
  const r = new RunRedactor(
    run.info,
    extra,
    (run.files ?? []).map((f) => f.path),
  );
  const hidden: MemoryRun = { ...run, info: r.info(run.info) };
  if (run.logs) hidden.logs = r.logs(run.logs);
  if (run.files) hidden.files = r.memoryFiles(run.files);
  if (run.artifacts) hidden.artifacts = run.artifacts.map((a) => r.artifact(a));
  if (run.media) hidden.media = run.media.map((m) => r.media(m));
  const out: LoadedRun = { run: hidden };
  if (loaded.files) out.files = r.files(loaded.files);
  if (loaded.live) out.live = r.feed(loaded.live);
  return out;
}

/** A run held in memory (a `.runpage.json` bundle) without its private details. */
export function hideMemoryRun(run: MemoryRun, extra: readonly string[] = []): MemoryRun {
  return hideLoadedRun({ run }, extra).run;
}

/**
 * A source served answer by answer (a tracking server's), without the run's private details.
 * Its facts are read once to learn what to hide. Log search is refused when the source has logs:
 * it would find text the answers hide.
 */
export function hideServedSource(source: ServedSource, runId: string, extra: readonly string[] = []): ServedSource {
  let redactor: Promise<RunRedactor> | undefined;
  const redact = (): Promise<RunRedactor> =>
    (redactor ??= source.getRun(runId).then(
      (info) => new RunRedactor(info, extra),
      (e: unknown) => {
        redactor = undefined;
        throw e;
      },
    ));
  return {
    getRun: async (id, o) => (await redact()).info(await source.getRun(id, o)),
    listRuns: async (o) => {
      const r = await redact();
      return (await source.listRuns(o)).map((ref) => r.listing(ref));
    },
    listMetrics: (id, o) => source.listMetrics(id, o),
    getSeries: (q, o) => source.getSeries(q, o),
    getLogs: async (q, o) => {
      const r = await redact();
      const chunk = await source.getLogs(q, o);
      return { ...chunk, lines: chunk.lines.map((l) => r.logLine(l)) };
    },
    searchLogs: async (q, o) => {
      await source.getLogs({ runId: q.runId, start: 0, count: 0 }, o);
      throw new SourceError('unsupported', 'Searching logs is not available on a server that hides private details.');
    },
    listFiles: async (id, dir, page, o) => {
      const r = await redact();
      const listing: FileListing = await source.listFiles(id, dir, page, o);
      return { ...listing, entries: listing.entries.filter((e) => r.allows(e.path)) };
    },
    readFile: async (id, path, range, o) => {
      (await redact()).check(path);
      return source.readFile(id, path, range, o);
    },
    listArtifacts: async (id, o) => {
      const r = await redact();
      return (await source.listArtifacts(id, o)).map((a) => r.artifact(a));
    },
    getArtifact: async (id, artifact, o) => (await redact()).artifact(await source.getArtifact(id, artifact, o)),
    readArtifactFile: source.readArtifactFile?.bind(source),
    getModel: (id, o) => source.getModel(id, o),
    listMedia: (id, o) => source.listMedia(id, o),
    getMedia: async (q, o) => {
      const r = await redact();
      return (await source.getMedia(q, o)).map((m) => r.media(m));
    },
    watch: (id, on, o) => {
      // Events wait for the redactor; their order is kept.
      let chain: Promise<unknown> = Promise.resolve();
      return source.watch(
        id,
        (e) => {
          chain = chain.then(() => redact().then((r) => on(r.event(e)))).catch(() => undefined);
        },
        o,
      );
    },
  };
}

/** A runs-list entry with its text scrubbed and the private entries of its config and summary left out. */
function hideRef(ref: RunRef, scrubber: TextScrubber): RunRef {
  const { config, summary, tags, group, name, project } = ref;
  const hidden = hidePrivateDetails({ config, summary, tags, group, name, project }, scrubber);
  const out: RunRef = { ...ref, config: hidden.config, summary: hidden.summary, tags: hidden.tags };
  out.group = hidden.group;
  out.name = hidden.name;
  out.project = hidden.project;
  for (const k of ['config', 'summary', 'tags', 'group', 'name', 'project'] as const)
    if (out[k] === undefined) delete out[k];
  if (typeof out.error === 'string') out.error = scrubber.scrub(out.error);
  return out;
}

/**
 * A catalog whose list and errors do not name the server's folders: runs that cannot be read say
 * why without the absolute path they were read from.
 */
export class PrivateCatalog implements RunCatalog {
  private readonly scrubber: TextScrubber;

  constructor(
    private readonly inner: RunCatalog,
    serverValues: readonly string[],
  ) {
    this.scrubber = new TextScrubber(serverValues);
  }

  has(id: string): boolean {
    return this.inner.has(id);
  }

  async get(id: string): Promise<ServedRun> {
    try {
      return await this.inner.get(id);
    } catch (e) {
      throw this.error(e);
    }
  }

  async seriesRun(id: string, keys: readonly string[], x: string): Promise<SeriesRun> {
    try {
      return await (this.inner.seriesRun ? this.inner.seriesRun(id, keys, x) : this.inner.get(id));
    } catch (e) {
      throw this.error(e);
    }
  }

  async listRuns(): Promise<RunRef[]> {
    return (await this.inner.listRuns()).map((ref) => hideRef(ref, this.scrubber));
  }

  async listRunsOf(ids: readonly string[]): Promise<RunRef[]> {
    const wanted = new Set(ids);
    const refs = this.inner.listRunsOf
      ? await this.inner.listRunsOf(ids)
      : (await this.inner.listRuns()).filter((r) => wanted.has(r.id));
    return refs.map((ref) => hideRef(ref, this.scrubber));
  }

  async queryRuns(q: RunQuery, o?: Req): Promise<RunPage | undefined> {
    // A search would be matched against what is hidden: it pages the hidden listing instead.
    if (!this.inner.queryRuns || (typeof q.search === 'string' && q.search.trim() !== '')) return undefined;
    const page = await this.inner.queryRuns(q, o);
    return page && { ...page, runs: page.runs.map((ref) => hideRef(ref, this.scrubber)) };
  }

  onRunChange(listener: () => void): () => void {
    return this.inner.onRunChange?.(listener) ?? (() => {});
  }

  close(): void | Promise<void> {
    return this.inner.close();
  }

  text(text: string): string {
    return this.scrubber.scrub(text);
  }

  private error(e: unknown): unknown {
    if (!isSourceError(e)) return e;
    const message = this.scrubber.scrub(e.message);
    return message === e.message ? e : new SourceError(e.code, message, { retryable: e.retryable });
  }
}
