/**
 * What a runpage server answers about one run, read over HTTP as docs/protocol.md describes it
 * (own decoding of `$f` numbers and base64 float64 columns; nothing from the project's client).
 */
import { reviveWire } from '../../../independent/json.js';

export interface ServedSeries {
  key: string;
  x: Float64Array;
  y: Float64Array;
  total: number;
}

export interface ServedFile {
  path: string;
  size?: number;
  link: boolean;
}

export class ServerAnswers {
  constructor(private readonly base: string) {}

  async json<T>(path: string): Promise<T> {
    const res = await fetch(new URL(path, this.base));
    const text = await res.text();
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 300)}`);
    return reviveWire(JSON.parse(text)) as T;
  }

  async bytes(path: string): Promise<Uint8Array> {
    const res = await fetch(new URL(path, this.base));
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
    return new Uint8Array(await res.arrayBuffer());
  }

  /** Every raw point of `keys` (no `points` parameter), `x` as asked. */
  async series(runId: string, keys: string[], x: 'step' | 'wallclock'): Promise<ServedSeries[]> {
    const out: ServedSeries[] = [];
    for (let i = 0; i < keys.length; i += 20) {
      const q = new URLSearchParams({ run: runId, x });
      for (const k of keys.slice(i, i + 20)) q.append('key', k);
      const wire = await this.json<{ key: string; x: string; y: string; total: number }[]>(`api/series?${q}`);
      for (const s of wire) out.push({ key: s.key, x: float64Column(s.x), y: float64Column(s.y), total: s.total });
    }
    return out;
  }

  /** The whole console, page by page. */
  async logs(runId: string): Promise<{ text: string; stream: string }[]> {
    const lines: { text: string; stream: string }[] = [];
    for (;;) {
      const chunk = await this.json<{ lines: { text: string; stream: string }[]; total: number }>(
        `api/runs/${encodeURIComponent(runId)}/logs?start=${lines.length}&count=5000`,
      );
      lines.push(...chunk.lines);
      if (chunk.lines.length === 0 || lines.length >= chunk.total) return lines;
    }
  }

  /** Every file entry below the run's files root, folders walked, pages followed. */
  async files(runId: string, dir = ''): Promise<ServedFile[]> {
    const out: ServedFile[] = [];
    let cursor: string | undefined;
    do {
      const q = new URLSearchParams({ dir });
      if (cursor) q.set('cursor', cursor);
      const page = await this.json<{
        entries: { path: string; kind: string; size?: number; mime?: string }[];
        next?: string;
      }>(`api/runs/${encodeURIComponent(runId)}/files?${q}`);
      for (const e of page.entries) {
        if (e.kind === 'dir') out.push(...(await this.files(runId, e.path)));
        else out.push({ path: e.path, size: e.size, link: e.mime === 'inode/symlink' });
      }
      cursor = page.next;
    } while (cursor);
    return out;
  }

  raw(runId: string, path: string): Promise<Uint8Array> {
    const encoded = path.split('/').map(encodeURIComponent).join('/');
    return this.bytes(`api/runs/${encodeURIComponent(runId)}/raw/${encoded}`);
  }
}

/** Base64 of little-endian float64 values (docs/protocol.md "Series columns"). */
function float64Column(b64: string): Float64Array {
  const bytes = Buffer.from(b64, 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const out = new Float64Array(bytes.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}
