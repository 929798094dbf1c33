/**
 * Symbolic links as the file browser's listing shows them: the short label beside a link's name
 * (what the preview shows of a link that is not opened is in closed-link.ts).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FileEntry } from '../../data/source.js';
import type { Lang } from '../../internal/i18n.js';
import { msg } from './file-browser.messages.js';
import { linkOf, type LinkInfo } from './listing.js';

export function targetText(target: string): string {
  return `/${target}`;
}

/** The words after a link's name in the listing: where it leads. */
export function linkLabel(link: LinkInfo, lang: Lang): string {
  switch (link.to) {
    case 'inside':
      return msg(lang, 'linkTo', targetText(link.target ?? ''));
    case 'nothing':
      return link.target === undefined
        ? msg(lang, 'linkToNothing')
        : msg(lang, 'linkToMissing', targetText(link.target));
    case 'outside':
      return msg(lang, 'linkOutside');
    default:
      return msg(lang, 'linkNotFollowed');
  }
}

export function renderLinkLabel(entry: FileEntry, lang: Lang): TemplateResult | typeof nothing {
  const link = linkOf(entry);
  if (!link) return nothing;
  const label = linkLabel(link, lang);
  return html`<span class="link-to" title=${label}>${label}</span>`;
}
