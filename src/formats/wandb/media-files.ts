/**
 * Media items from the files W&B wrote under `files/media/`, for runs whose history (which names
 * each image) is missing or cut short.
 *
 * The SDK names a logged media file `<key>_<step>_<id><ext>` inside its kind's folder
 * (`media/images`, `media/videos`, `media/audio`); `id` is the first 20 hex digits of the file's
 * SHA-256, or the position in the list when a list was logged. A `/` in the key becomes folders
 * (`val/samples` → `media/images/val/samples_12_ab….png`). Masks live in `media/images/mask/`
 * and are not media of their own.
 */

import type { MediaItem, MediaKind } from '../../data/source.js';

const FOLDERS: { prefix: string; kind: MediaKind; ext: RegExp }[] = [
  { prefix: 'files/media/images/', kind: 'image', ext: /^(?:png|jpe?g|gif|bmp|webp|svg|tiff?)$/i },
  { prefix: 'files/media/videos/', kind: 'video', ext: /^(?:mp4|webm|ogg|ogv|gif|mov)$/i },
  { prefix: 'files/media/audio/', kind: 'audio', ext: /^(?:wav|mp3|ogg|oga|flac|m4a)$/i },
];

const NAME = /^(.+)_(\d+)_([A-Za-z0-9]+)\.([A-Za-z0-9]+)$/;

interface Found {
  path: string;
  key: string;
  step: number;
  id: string;
  kind: MediaKind;
}

/**
 * The media items among run-relative file paths (`files/media/images/loss_3_ab12.png`). `url`
 * turns a path into the item's URL. Items come sorted by key and step; files of one key and step
 * are numbered in list order (numeric ids) or by name.
 */
export function mediaFromFiles(paths: Iterable<string>, url: (path: string) => string): MediaItem[] {
  const found: Found[] = [];
  for (const path of paths) {
    const folder = FOLDERS.find((f) => path.startsWith(f.prefix));
    if (!folder) continue;
    const rel = path.slice(folder.prefix.length);
    if (folder.kind === 'image' && rel.startsWith('mask/')) continue;
    const slash = rel.lastIndexOf('/');
    const m = NAME.exec(rel.slice(slash + 1));
    if (!m || !folder.ext.test(m[4]!)) continue;
    const step = Number(m[2]);
    if (!Number.isSafeInteger(step)) continue;
    const key = slash < 0 ? m[1]! : `${rel.slice(0, slash)}/${m[1]}`;
    found.push({ path, key, step, id: m[3]!, kind: folder.kind });
  }
  found.sort((a, b) => compare(a.key, b.key) || a.step - b.step || compareIds(a.id, b.id));
  const items: MediaItem[] = [];
  for (let i = 0; i < found.length; i++) {
    const f = found[i]!;
    const prev = items[items.length - 1];
    const index = prev && prev.key === f.key && prev.step === f.step ? prev.index + 1 : 0;
    items.push({ key: f.key, step: f.step, index, kind: f.kind, url: url(f.path) });
  }
  return items;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** List positions in numeric order; hashes by name. */
function compareIds(a: string, b: string): number {
  const numeric = /^\d+$/;
  if (numeric.test(a) && numeric.test(b)) return Number(a) - Number(b);
  return compare(a, b);
}
