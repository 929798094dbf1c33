/** Hands a file to the browser's download machinery. */

/** Starts a download of `url` under `name`. */
export function saveUrl(url: string, name: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
}

/** Starts a download of `blob`; its Blob URL is revoked once the browser has taken it. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  saveUrl(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name safe for every OS, from any string (path separators and control characters replaced). */
export function safeFileName(name: string, fallback = 'download'): string {
  const cleaned = name
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '_')
    .replace(/^\.+/, '')
    .slice(0, 200);
  return cleaned || fallback;
}
