import { markdownToSafeHtml } from '../../internal/markdown.js';

/** Where the description's own headings start, below the detail's section headings (h4). */
const FIRST_HEADING_LEVEL = 5;

/**
 * An artifact description as sanitized HTML that fits the detail's outline: its headings are
 * moved below the section heading (an `# h1` becomes an `h5`), and images without alt text get an
 * empty one (decorative) so they are not announced as file names.
 */
export async function descriptionHtml(markdown: string): Promise<string> {
  const safe = await markdownToSafeHtml(markdown);
  // A <template> parses inertly: nothing loads or runs while the markup is adjusted.
  const template = document.createElement('template');
  template.innerHTML = safe;
  const content = template.content;
  for (const img of content.querySelectorAll('img:not([alt])')) img.setAttribute('alt', '');
  for (const heading of content.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const level = Math.min(6, FIRST_HEADING_LEVEL - 1 + Number(heading.tagName[1]));
    const replacement = document.createElement(`h${level}`);
    for (const attr of heading.attributes) replacement.setAttribute(attr.name, attr.value);
    replacement.append(...heading.childNodes);
    heading.replaceWith(replacement);
  }
  return template.innerHTML;
}
