/**
 * Symbolic links as the file browser shows them: the short label beside a link's name, and the
 * message shown instead of a preview for a link that is not opened (`isClosedLink` in listing.ts).
 * Such a link is never read: opening it makes no request, so it costs no failed request and no
 * console error.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { FileEntry } from '../../data/source.js';
import type { Lang } from '../../internal/i18n.js';
import { renderEmpty } from '../../internal/states.js';
import { msg } from './file-browser.messages.js';
import { linkOf, type LinkInfo } from './listing.js';

function targetText(target: string): string {
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

/** Shown in the preview pane instead of the contents of a link that is not opened. */
export function renderClosedLink(link: LinkInfo, lang: Lang): TemplateResult {
  switch (link.to) {
    case 'outside':
      return renderEmpty(msg(lang, 'linkOutsideTitle'), msg(lang, 'linkOutsideDetail'));
    case 'nothing':
      return renderEmpty(
        msg(lang, 'linkToNothingTitle'),
        link.target === undefined
          ? msg(lang, 'linkToNothingDetail')
          : msg(lang, 'linkToMissingDetail', targetText(link.target)),
      );
    default:
      return renderEmpty(msg(lang, 'linkNotFollowedTitle'), msg(lang, 'linkNotFollowedDetail'));
  }
}
