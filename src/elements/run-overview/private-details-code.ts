import type { ReactiveControllerHost, TemplateResult } from 'lit';
import type { Lang } from '../../internal/i18n.js';
import { lazyImport } from '../../internal/lazy-import.js';
import { renderError } from '../../internal/states.js';

/**
 * The rules that hide a run's private details (src/data/private-details.ts), loaded the first time
 * an element is asked to hide them: most pages show them, and never run these rules. Shared by
 * `<run-overview>` and `<run-page>` (its header); until they are in, neither shows what they hide.
 */
export const privateDetailsCode = lazyImport(() => import('../../data/private-details.js'));

/**
 * What `host` shows in place of what the rules hide until they are in: `busy` while they load (a
 * load is asked for), or why they could not load, with a retry that shows `busy` again meanwhile.
 */
export function hidingRulesState(host: ReactiveControllerHost, lang: Lang, busy: TemplateResult): TemplateResult {
  const failed = privateDetailsCode.failed;
  if (failed === undefined) {
    void privateDetailsCode.load(host);
    return busy;
  }
  return renderError(lang, failed, () => {
    void privateDetailsCode.load(host);
    host.requestUpdate();
  });
}
