/** What a file is, from its name and MIME type: which preview shows it and which icon it gets. */

export type PreviewKind =
  | 'code'
  | 'json'
  | 'notebook'
  | 'markdown'
  | 'diff'
  | 'csv'
  | 'tsv'
  | 'image'
  | 'svg'
  | 'audio'
  | 'video'
  | 'binary'
  /** Unknown extension: sniffed from the first bytes (text or binary). */
  | 'unknown';

export type IconKind =
  | 'folder'
  | 'code'
  | 'text'
  | 'data'
  | 'table'
  | 'image'
  | 'audio'
  | 'video'
  | 'archive'
  | 'model'
  | 'notebook'
  | 'diff'
  | 'binary'
  /** A symbolic link that is not followed (out of the run or to nothing). */
  | 'link';

/** Extension → highlight.js language id. `plaintext` means text without highlighting. */
const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  py: 'python',
  pyi: 'python',
  pyx: 'python',
  yaml: 'yaml',
  yml: 'yaml',
  json: 'json',
  jsonl: 'json',
  ndjson: 'json',
  toml: 'ini',
  cfg: 'ini',
  ini: 'ini',
  conf: 'ini',
  properties: 'ini',
  md: 'markdown',
  markdown: 'markdown',
  sh: 'bash',
  bash: 'bash',
  zsh: 'bash',
  txt: 'plaintext',
  log: 'plaintext',
  out: 'plaintext',
  err: 'plaintext',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  tsx: 'typescript',
  c: 'c',
  h: 'c',
  cc: 'cpp',
  cpp: 'cpp',
  cxx: 'cpp',
  hpp: 'cpp',
  cu: 'cpp',
  cuh: 'cpp',
  go: 'go',
  rs: 'rust',
  java: 'java',
  r: 'r',
  sql: 'sql',
  css: 'css',
  html: 'xml',
  htm: 'xml',
  xml: 'xml',
  patch: 'diff',
  diff: 'diff',
  dockerfile: 'dockerfile',
  mk: 'makefile',
};

/** Whole file names with a known language. */
const LANGUAGE_BY_NAME: Record<string, string> = {
  dockerfile: 'dockerfile',
  makefile: 'makefile',
  'requirements.txt': 'plaintext',
  'requirements-dev.txt': 'plaintext',
  license: 'plaintext',
  readme: 'plaintext',
  '.gitignore': 'plaintext',
  'wandb-metadata.json': 'json',
};

const IMAGE = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'avif', 'ico']);
const AUDIO = new Set(['wav', 'mp3', 'ogg', 'oga', 'flac', 'm4a', 'aac', 'opus']);
const VIDEO = new Set(['mp4', 'webm', 'mov', 'm4v', 'ogv', 'gifv']);
const ARCHIVE = new Set(['zip', 'gz', 'tgz', 'tar', 'bz2', 'xz', 'zst', '7z', 'rar']);
const MODEL = new Set([
  'pt',
  'pth',
  'ckpt',
  'safetensors',
  'bin',
  'h5',
  'hdf5',
  'onnx',
  'pb',
  'npy',
  'npz',
  'pkl',
  'pickle',
  'joblib',
  'tflite',
  'keras',
  'wandb',
  'tfevents',
]);

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** highlight.js language for a file, or undefined when it is not known to be text. */
export function languageOf(name: string): string | undefined {
  const lower = name.toLowerCase();
  return LANGUAGE_BY_NAME[lower] ?? LANGUAGE_BY_EXTENSION[extensionOf(lower)];
}

/** The preview that shows a file. */
export function previewKindOf(name: string, mime?: string): PreviewKind {
  const ext = extensionOf(name);
  const m = (mime ?? '').toLowerCase();
  if (ext === 'svg' || m === 'image/svg+xml') return 'svg';
  if (ext === 'ipynb') return 'notebook';
  if (ext === 'md' || ext === 'markdown' || m === 'text/markdown') return 'markdown';
  if (ext === 'patch' || ext === 'diff' || m === 'text/x-diff' || m === 'text/x-patch') return 'diff';
  if (ext === 'csv' || m === 'text/csv') return 'csv';
  if (ext === 'tsv' || m === 'text/tab-separated-values') return 'tsv';
  if (ext === 'json' || m === 'application/json') return 'json';
  if (IMAGE.has(ext) || (m.startsWith('image/') && !ext)) return 'image';
  if (AUDIO.has(ext) || (m.startsWith('audio/') && !ext)) return 'audio';
  if (VIDEO.has(ext) || (m.startsWith('video/') && !ext)) return 'video';
  if (ARCHIVE.has(ext) || MODEL.has(ext) || ext === 'pdf' || ext.startsWith('tfevents')) return 'binary';
  if (name.includes('.tfevents.')) return 'binary';
  if (languageOf(name) || m.startsWith('text/')) return 'code';
  return 'unknown';
}

/** The icon drawn beside a name in the listing. */
export function iconKindOf(name: string, kind: 'file' | 'dir', mime?: string): IconKind {
  if (kind === 'dir') return 'folder';
  if (mime === 'inode/symlink') return 'link';
  const ext = extensionOf(name);
  if (ARCHIVE.has(ext)) return 'archive';
  if (MODEL.has(ext) || name.includes('.tfevents.')) return 'model';
  switch (previewKindOf(name, mime)) {
    case 'image':
    case 'svg':
      return 'image';
    case 'audio':
      return 'audio';
    case 'video':
      return 'video';
    case 'notebook':
      return 'notebook';
    case 'diff':
      return 'diff';
    case 'csv':
    case 'tsv':
      return 'table';
    case 'json':
      return 'data';
    case 'markdown':
      return 'text';
    case 'code': {
      const lang = languageOf(name);
      if (lang === 'yaml' || lang === 'ini') return 'data';
      return lang === 'plaintext' ? 'text' : 'code';
    }
    case 'unknown':
      return 'text';
    default:
      return 'binary';
  }
}
