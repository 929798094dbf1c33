/** Hands a file to the browser's download machinery: the one place elements start a download. */

/**
 * Starts a download of `url` under `name`. The hidden link is put in `parent` for the moment of
 * the click (an element's shadow root keeps it out of the page's light DOM).
 */
export function saveUrl(url: string, name: string, parent: ParentNode = document.body): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.hidden = true;
  parent.append(a);
  a.click();
  a.remove();
}

/** Starts a download of `blob`; its Blob URL is revoked once the browser has taken it. */
export function saveBlob(blob: Blob, name: string, parent?: ParentNode): void {
  const url = URL.createObjectURL(blob);
  saveUrl(url, name, parent);
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
