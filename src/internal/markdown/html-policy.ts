/**
 * What links and images in Markdown (written as Markdown or as raw HTML, `raw-html.ts`) may
 * become: the URL schemes a link or an image may use. Links to the web open in a new tab without
 * handing it this page.
 */
/** A URL as an attribute value, or undefined when its scheme is not one we link to or load from. */
export function safeUrl(raw: string, image: boolean): string | undefined {
  // Browsers drop tabs and newlines inside a URL and spaces and control characters around it.
  const inner = raw.replace(/[\t\n\r]/g, '');
  let from = 0;
  let to = inner.length;
  while (from < to && inner.charCodeAt(from) <= 0x20) from++;
  while (to > from && inner.charCodeAt(to - 1) <= 0x20) to--;
  const url = inner.slice(from, to);
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url)?.[1].toLowerCase();
  if (scheme === undefined) return url;
  const allowed = image ? ['http', 'https'] : ['http', 'https', 'mailto'];
  return allowed.includes(scheme) ? url : undefined;
}

export function link(doc: Document, href: string, title: string | undefined, parent: Node): HTMLElement {
  const a = parent.appendChild(doc.createElement('a'));
  const url = safeUrl(href, false);
  if (url !== undefined) a.setAttribute('href', url);
  if (title) a.title = title;
  finishLink(a);
  return a;
}

/** Links to the web open in a new tab without handing it this page. */
export function finishLink(a: Element): void {
  if (/^https?:/i.test(a.getAttribute('href') ?? '')) {
    a.setAttribute('target', '_blank');
    a.setAttribute('rel', 'noopener noreferrer');
  }
}
