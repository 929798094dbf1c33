/** A MIME type guessed from a file name's extension, for previews and downloads. */
const BY_EXTENSION: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
  mp4: 'video/mp4',
  webm: 'video/webm',
  gifv: 'video/mp4',
  wav: 'audio/wav',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  json: 'application/json',
  jsonl: 'application/x-ndjson',
  yaml: 'text/yaml',
  yml: 'text/yaml',
  txt: 'text/plain',
  log: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  html: 'text/html',
  py: 'text/x-python',
  ipynb: 'application/x-ipynb+json',
  patch: 'text/x-diff',
  diff: 'text/x-diff',
  toml: 'text/plain',
  cfg: 'text/plain',
  ini: 'text/plain',
  sh: 'text/x-shellscript',
  pt: 'application/octet-stream',
  pth: 'application/octet-stream',
  ckpt: 'application/octet-stream',
  safetensors: 'application/octet-stream',
  bin: 'application/octet-stream',
  npy: 'application/octet-stream',
  zip: 'application/zip',
  gz: 'application/gzip',
  tar: 'application/x-tar',
  pdf: 'application/pdf',
  wandb: 'application/octet-stream',
};

export function guessMime(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot < 0) return undefined;
  return BY_EXTENSION[name.slice(dot + 1).toLowerCase()];
}
