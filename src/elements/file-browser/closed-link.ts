/**
 * What the preview pane shows instead of the contents of a link that is not opened
 * (`isClosedLink` in listing.ts): such a link is never read, so opening it makes no request, costs
 * no failed request and no console error. Loaded with the preview's code.
 */
import type { TemplateResult } from 'lit';
import type { Lang } from '../../internal/i18n.js';
import { renderEmpty } from '../../internal/states.js';
import { targetText } from './file-link.js';
import type { LinkInfo } from './listing.js';
import { pmsg } from './preview.messages.js';

/** Shown in the preview pane instead of the contents of a link that is not opened. */
export function renderClosedLink(link: LinkInfo, lang: Lang): TemplateResult {
  switch (link.to) {
    case 'outside':
      return renderEmpty(pmsg(lang, 'linkOutsideTitle'), pmsg(lang, 'linkOutsideDetail'));
    case 'nothing':
      return renderEmpty(
        pmsg(lang, 'linkToNothingTitle'),
        link.target === undefined
          ? pmsg(lang, 'linkToNothingDetail')
          : pmsg(lang, 'linkToMissingDetail', targetText(link.target)),
      );
    default:
      return renderEmpty(pmsg(lang, 'linkNotFollowedTitle'), pmsg(lang, 'linkNotFollowedDetail'));
  }
}
