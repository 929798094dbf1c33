/**
 * The page URL hash shared by every runpage element on a page, one key each:
 * `#tab=logs&L=120-140&files=/ckpt/`. An element reads and writes only its key and keeps every other
 * entry exactly as it was. Values are percent-encoded (slashes stay readable); a key or value whose
 * encoding is malformed reads as absent, never as an error.
 *
 * Links made before the keys still open: a bare tab name (`#logs`) and a bare line permalink
 * (`#L120-L140`) are read by the run page and the log viewer and left in place until the element
 * that owns them writes its key. A hash in any other form (`#/settings`, `#intro`) belongs to the
 * page: elements neither read nor write it.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { decodeComponent } from './decode.js';
import { RUN_PAGE_TABS } from './tab-registry.js';

/** One `&`-separated entry: `raw` as written, `key`/`value` decoded (undefined when it could not be). */
interface Entry {
  raw: string;
  key?: string;
  /** Undefined for a bare entry (no `=`) or a malformed encoding. */
  value?: string;
}

const KEY = /^[A-Za-z][A-Za-z0-9_.-]*$/;
/** Bare entries of links made before the keys: a run-page tab, or a line permalink. */
export const LEGACY_LINES = /^L(\d{1,12})(?:-L?(\d{1,12}))?$/;

function entries(hash: string): Entry[] {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!body) return [];
  return body
    .split('&')
    .filter((raw) => raw !== '')
    .map((raw) => {
      const eq = raw.indexOf('=');
      if (eq < 0) return { raw, key: decodeComponent(raw) };
      return { raw, key: decodeComponent(raw.slice(0, eq)), value: decodeComponent(raw.slice(eq + 1)) };
    });
}

function isLegacyBare(word: string | undefined): boolean {
  return word !== undefined && ((RUN_PAGE_TABS as readonly string[]).includes(word) || LEGACY_LINES.test(word));
}

/**
 * Whether the hash is runpage's to read and write: empty, or only keyed entries and old runpage
 * links. A keyed entry whose key cannot be decoded does not make it foreign; it is ignored.
 */
export function isSharedHash(hash: string): boolean {
  return entries(hash).every((e) =>
    e.raw.includes('=') ? e.key === undefined || KEY.test(e.key) : isLegacyBare(e.key),
  );
}

/** The value under `key`, or undefined when there is none or it cannot be decoded. */
export function readHashKey(hash: string, key: string): string | undefined {
  return entries(hash).find((e) => e.raw.includes('=') && e.key === key)?.value;
}

/** Bare entries (`logs`, `L12-L20`): the forms of links made before the keys. */
export function bareHashEntries(hash: string): string[] {
  return entries(hash)
    .filter((e) => !e.raw.includes('=') && e.key !== undefined)
    .map((e) => e.key!);
}

/** Slashes stay readable; everything that could break the `&`/`=` layout is escaped. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/%2F/gi, '/');
}

/**
 * The hash with `key` set to `value` (appended when new, in place when not), or removed when
 * undefined; bare entries for which `replaces` is true go too (the old form of the same key).
 * Every other entry is kept exactly as written.
 */
export function writeHashKey(
  hash: string,
  key: string,
  value: string | undefined,
  replaces: (bare: string) => boolean = () => false,
): string {
  const mine = value === undefined ? undefined : `${encode(key)}=${encode(value)}`;
  const out: string[] = [];
  let placed = false;
  for (const e of entries(hash)) {
    const ours = e.raw.includes('=') ? e.key === key : e.key !== undefined && replaces(e.key);
    if (!ours) out.push(e.raw);
    else if (mine !== undefined && !placed) {
      out.push(mine);
      placed = true;
    }
  }
  if (mine !== undefined && !placed) out.push(mine);
  return out.length ? `#${out.join('&')}` : '';
}

export interface UrlHashOptions {
  /** False while the host must leave the hash alone (`no-hash`). */
  enabled(): boolean;
  /**
   * The hash changed (back/forward, a link, another element): read your key. Also called when the
   * host is connected, with `initial` true.
   */
  onChange(hash: string, initial: boolean): void;
}

/**
 * Connects a host to the shared hash: calls `onChange` when the host is connected and after every
 * `hashchange` (while enabled), and writes one key with `write` without adding a history entry.
 */
export class UrlHashController implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly options: UrlHashOptions,
  ) {
    host.addController(this);
  }

  /** The current hash when the host may read it: enabled and runpage's own; otherwise ''. */
  get hash(): string {
    if (typeof location === 'undefined' || !this.options.enabled()) return '';
    return isSharedHash(location.hash) ? location.hash : '';
  }

  hostConnected(): void {
    window.addEventListener('hashchange', this.onHashChange);
    this.read(true);
  }

  hostDisconnected(): void {
    window.removeEventListener('hashchange', this.onHashChange);
  }

  /** Sets `key` (undefined removes it) when the host may write and the hash is runpage's own. */
  write(key: string, value: string | undefined, replaces?: (bare: string) => boolean): void {
    if (typeof location === 'undefined' || !this.options.enabled() || !isSharedHash(location.hash)) return;
    const next = writeHashKey(location.hash, key, value, replaces);
    if (next === location.hash || (next === '' && location.hash === '#')) return;
    history.replaceState(history.state, '', `${location.pathname}${location.search}${next}`);
  }

  private onHashChange = (): void => this.read(false);

  private read(initial: boolean): void {
    if (typeof location === 'undefined' || !this.options.enabled() || !isSharedHash(location.hash)) return;
    this.options.onChange(location.hash, initial);
  }
}
