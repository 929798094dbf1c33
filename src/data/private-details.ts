/**
 * Private details of a run: what a page meant for people outside the team leaves out. One set of
 * rules, used by `runpage serve --public` (on every answer) and by `<run-overview
 * private-details="hidden">` (on what the element shows).
 *
 * Withheld from `RunInfo`: the host, the user, the command (program and arguments) and the Python
 * executable; credentials in the git remote (`https://user:token@host/…` loses `user:token@`);
 * and every config or summary value whose key looks like an environment variable or names a secret
 * (see `isPrivateKey`), or whose value looks like a credential (see `looksLikeSecret`). The field
 * paths withheld are listed in `RunInfo.withheld`, so a page can say they are hidden.
 *
 * In free text (log lines, notes, warnings, names, file names, string values) the same values are
 * replaced by `[hidden]` wherever they occur, with the names of home folders (`/home/alice`),
 * credentials in URLs and credential-shaped strings (see `TextScrubber`).
 */
import type { JsonObject, JsonValue, RunInfo } from './source.js';

/** What replaces a private value inside text. */
export const HIDDEN_TEXT = '[hidden]';

/** Field paths of `RunInfo` withheld as a whole. */
export const PRIVATE_FIELDS = ['host', 'user', 'command', 'python.executable'] as const;

/** Environment variables every shell has, whose names have no underscore. */
const PLAIN_ENVIRONMENT_NAMES = new Set([
  'HOME',
  'PATH',
  'USER',
  'SHELL',
  'PWD',
  'HOSTNAME',
  'LOGNAME',
  'TMPDIR',
  'LANG',
  'TERM',
  'DISPLAY',
  'MAIL',
]);

/**
 * An environment variable copied into a config: an upper-case name with an underscore
 * (`CUDA_VISIBLE_DEVICES`) or a shell's own (`HOME`, `PATH`…), holding text. Upper-case constants
 * holding numbers or flags (`BATCH_SIZE: 32`) are hyperparameters, not the environment.
 */
function looksLikeEnvironmentVariable(key: string, value: unknown): boolean {
  if (typeof value !== 'string' && value !== undefined) return false;
  return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(key) || PLAIN_ENVIRONMENT_NAMES.has(key);
}

/** Words that make a key name a secret wherever they appear in it. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'passphrase',
  'secret',
  'secrets',
  'credential',
  'credentials',
  'apikey',
  'cookie',
  'cookies',
  'authorization',
  'bearer',
]);
/** `<qualifier> key|token`: `api_key`, `accessToken`, `AUTH-TOKEN`, `private.key`… */
const SECRET_QUALIFIERS = new Set(['api', 'access', 'secret', 'private', 'auth', 'refresh', 'session', 'bearer']);
/** Keys whose whole value is the process environment. */
const ENVIRONMENT_KEYS = new Set(['env', 'environ', 'environment', 'envs', 'environment_variables', 'env_vars']);

/** The words of a key: `hfToken` → hf, token; `WANDB_API_KEY` → wandb, api, key; `db.password` → db, password. */
export function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

/**
 * Whether a config or summary value is private by its key alone:
 * - the key looks like an environment variable holding text: upper case with an underscore
 *   (`CUDA_VISIBLE_DEVICES: "0,1"`, `WANDB_API_KEY`) or a shell's own (`HOME`, `PATH`), but not an
 *   upper-case constant holding a number (`BATCH_SIZE: 32`); or it names the environment
 *   (`env`, `environ`: the whole value);
 * - the key names a secret: one of its words is `password`, `secret`, `credentials`, `apikey`,
 *   `cookie`…, or it has `key` / `token` after `api`, `access`, `secret`, `private`, `auth`,
 *   `refresh`, `session` or `bearer` (`api_key`, `accessToken`), or it is a string value under a key
 *   ending in `token` that is long and has no spaces (`hf_token: "hf_…"`, but not
 *   `eos_token: "</s>"` or `max_tokens: 512`).
 */
export function isPrivateKey(key: string, value?: unknown): boolean {
  if (looksLikeEnvironmentVariable(key, value)) return true;
  const words = keyWords(key);
  if (words.length === 0) return false;
  if (ENVIRONMENT_KEYS.has(words.join('_'))) return true;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (SECRET_WORDS.has(w)) return true;
    if (
      (w === 'key' || w === 'token' || w === 'keys' || w === 'tokens') &&
      i > 0 &&
      SECRET_QUALIFIERS.has(words[i - 1])
    )
      return true;
  }
  const last = words[words.length - 1];
  return last === 'token' && typeof value === 'string' && value.length >= 16 && !/\s/.test(value);
}

/**
 * Whether a string is shaped like a credential of a well-known service (GitHub, Hugging Face,
 * OpenAI and Anthropic, Slack, AWS access key ids, JSON Web Tokens), whatever its key.
 */
export function looksLikeSecret(text: string): boolean {
  return typeof text === 'string' && WHOLE_SECRET.test(text.trim());
}

const SECRET_SHAPE_SOURCE =
  'gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|hf_[A-Za-z0-9]{20,}|sk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}' +
  '|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}';
const WHOLE_SECRET = new RegExp(`^(?:${SECRET_SHAPE_SOURCE})$`);

/** `scheme://user:password@host…` → `scheme://host…` (credentials in URLs, anywhere in the text). */
export function stripUrlCredentials(text: string): string {
  return text.includes('@') ? text.replace(URL_CREDENTIALS, '$1') : text;
}
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]+@/gi;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces private values in free text: the given values (a run's host, program, executable, the
 * values of its secret config keys…), the user name in home folders (`/home/alice`,
 * `/Users/alice`, `C:\Users\alice`), credentials in URLs and credential-shaped strings.
 */
export class TextScrubber {
  private readonly pattern: RegExp;

  constructor(values: Iterable<string> = []) {
    const literals = [...new Set([...values].filter((v) => typeof v === 'string' && v.trim().length >= 3))]
      // Longest first, so a path is replaced whole before a shorter value inside it.
      .sort((a, b) => b.length - a.length)
      .map((v) => (/^\w/.test(v) && /\w$/.test(v) ? `\\b${escapeRegExp(v)}\\b` : escapeRegExp(v)));
    const parts = [
      // 1, 2: the user's name in a home folder (the folder itself says nothing).
      '((?:/home|/Users)/|[A-Za-z]:\\\\Users\\\\)([^/\\\\\\s"\'`]+)',
      `\\b(?:${SECRET_SHAPE_SOURCE})`,
    ];
    if (literals.length > 0) parts.unshift(literals.join('|'));
    this.pattern = new RegExp(parts.join('|'), 'g');
  }

  scrub(text: string): string {
    if (typeof text !== 'string' || text === '') return text;
    return stripUrlCredentials(text).replace(this.pattern, (match, home?: string, name?: string) =>
      home === undefined ? HIDDEN_TEXT : name === HIDDEN_TEXT ? match : home + HIDDEN_TEXT,
    );
  }

  /** Every string inside a JSON value scrubbed (keys too), the value otherwise unchanged. */
  scrubJson<T extends JsonValue | undefined>(value: T): T {
    if (typeof value === 'string') return this.scrub(value) as T;
    if (Array.isArray(value)) return value.map((v) => this.scrubJson(v)) as T;
    if (value && typeof value === 'object') {
      const out: JsonObject = {};
      for (const [k, v] of Object.entries(value)) out[this.scrub(k)] = this.scrubJson(v);
      return out as T;
    }
    return value;
  }
}

/**
 * The values of a run that may turn up in its logs and files: host, program (when it is a path),
 * executable, the arguments that are paths or follow a secret-named option, and the values of
 * private config keys.
 */
export function privateValuesOf(info: Partial<RunInfo>): string[] {
  const out: string[] = [];
  const add = (v: unknown) => {
    if (typeof v === 'string' && v.trim().length >= 3 && v !== 'localhost') out.push(v.trim());
  };
  add(info.host);
  // A program given as a path (or `-m package.module`) is hidden in text; a bare script name
  // (`train.py`) says nothing private and names files the run logged on purpose (its code).
  const program = info.command?.program;
  if (typeof program === 'string' && /[\\/\s]/.test(program.trim())) add(program);
  add(info.python?.executable);
  const args = Array.isArray(info.command?.args) ? info.command.args : [];
  args.forEach((arg, i) => {
    if (typeof arg !== 'string') return;
    const eq = /^--?([^=]+)=(.*)$/.exec(arg);
    if (eq && isPrivateKey(eq[1], eq[2])) add(eq[2]);
    else if (/[/\\]/.test(arg)) add(arg);
    const prev = args[i - 1];
    if (
      typeof prev === 'string' &&
      /^--?[A-Za-z]/.test(prev) &&
      !prev.includes('=') &&
      isPrivateKey(prev.replace(/^-+/, ''), arg)
    )
      add(arg);
  });
  const remote = info.git?.remote;
  if (typeof remote === 'string') {
    const m = /^[a-z][a-z0-9+.-]*:\/\/([^/\s@]+)@/i.exec(remote);
    if (m) for (const part of m[1].split(':')) add(decodeURIComponentSafe(part));
  }
  for (const tree of [info.config, info.summary]) collectPrivateValues(tree, out);
  return out;
}

function collectPrivateValues(value: JsonValue | undefined, out: string[], underPrivate = false): void {
  if (typeof value === 'string') {
    if ((underPrivate || looksLikeSecret(value)) && value.trim().length >= 6) out.push(value.trim());
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) collectPrivateValues(v, out, underPrivate);
    return;
  }
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) collectPrivateValues(v, out, underPrivate || isPrivateKey(k, v));
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * A JSON tree without its private entries (by key or by credential-shaped value), with the dotted
 * paths of what was left out. Other strings are scrubbed.
 */
function withoutPrivateEntries(
  tree: JsonObject,
  prefix: string,
  scrubber: TextScrubber,
  withheld: string[],
): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(tree)) {
    const path = `${prefix}.${key}`;
    if (isPrivateKey(key, value) || (typeof value === 'string' && looksLikeSecret(value))) {
      withheld.push(path);
      continue;
    }
    out[scrubber.scrub(key)] =
      value && typeof value === 'object' && !Array.isArray(value)
        ? withoutPrivateEntries(value, path, scrubber, withheld)
        : scrubber.scrubJson(value);
  }
  return out;
}

/** The scrubber for one run's text: its own private values plus the generic rules. */
export function scrubberFor(info: Partial<RunInfo>, extraValues: Iterable<string> = []): TextScrubber {
  return new TextScrubber([...privateValuesOf(info), ...extraValues]);
}

/**
 * The run facts a public page may show: private fields removed, private config and summary entries
 * removed, every other text scrubbed; `withheld` lists the paths left out (sorted; earlier
 * `withheld` entries are kept). Works on whole `RunInfo`s and on live patches of some fields.
 */
export function hidePrivateDetails<T extends Partial<RunInfo>>(info: T, scrubber: TextScrubber = scrubberFor(info)): T {
  const withheld: string[] = Array.isArray(info.withheld) ? [...info.withheld] : [];
  const out = { ...info } as Partial<RunInfo>;
  for (const field of ['host', 'user', 'command'] as const) {
    if (out[field] !== undefined) {
      delete out[field];
      withheld.push(field);
    }
  }
  if (out.python && typeof out.python === 'object' && out.python.executable !== undefined) {
    const { executable: _executable, ...python } = out.python;
    void _executable;
    out.python = python;
    withheld.push('python.executable');
  }
  if (out.git && typeof out.git === 'object' && typeof out.git.remote === 'string') {
    const remote = stripUrlCredentials(out.git.remote);
    if (remote !== out.git.remote) {
      out.git = { ...out.git, remote };
      withheld.push('git.credentials');
    }
  }
  for (const field of ['config', 'summary'] as const) {
    const tree = out[field];
    if (tree && typeof tree === 'object' && !Array.isArray(tree))
      out[field] = withoutPrivateEntries(tree, field, scrubber, withheld);
  }
  for (const field of ['name', 'notes', 'group', 'jobType', 'project', 'entity'] as const) {
    const v = out[field];
    if (typeof v === 'string') out[field] = scrubber.scrub(v);
  }
  if (Array.isArray(out.tags)) out.tags = out.tags.map((t) => (typeof t === 'string' ? scrubber.scrub(t) : t));
  if (Array.isArray(out.warnings))
    out.warnings = out.warnings.map((w) => (typeof w === 'string' ? scrubber.scrub(w) : w));
  if (withheld.length > 0) out.withheld = [...new Set(withheld)].sort();
  return out as T;
}
