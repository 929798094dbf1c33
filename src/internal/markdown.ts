/**
 * Markdown to sanitized HTML. `marked` and DOMPurify are loaded on first use, so elements that
 * never show Markdown never download them. The result is safe to insert with `unsafeHTML`.
 */
let loaded: Promise<(text: string) => string> | undefined;

function load(): Promise<(text: string) => string> {
  loaded ??= Promise.all([import('marked'), import('dompurify')]).then(([{ marked }, { default: DOMPurify }]) => {
    const purify = DOMPurify(window);
    purify.addHook('afterSanitizeAttributes', (node) => {
      if (node.tagName === 'A') {
        const href = node.getAttribute('href') ?? '';
        if (/^https?:/i.test(href)) {
          node.setAttribute('target', '_blank');
          node.setAttribute('rel', 'noopener noreferrer');
        }
      }
    });
    return (text: string) =>
      purify.sanitize(marked.parse(text, { async: false, gfm: true, breaks: false }) as string, {
        USE_PROFILES: { html: true },
        FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'],
      });
  });
  return loaded;
}

export async function markdownToSafeHtml(text: string): Promise<string> {
  const render = await load();
  return render(text);
}

/** Sanitizes an SVG document for display as an image or inline. */
export async function sanitizeSvg(svg: string): Promise<string> {
  const { default: DOMPurify } = await import('dompurify');
  return DOMPurify(window).sanitize(svg, { USE_PROFILES: { svg: true, svgFilters: true } });
}
