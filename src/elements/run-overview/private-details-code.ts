import { lazyImport } from '../../internal/lazy-import.js';

/**
 * The rules that hide a run's private details (src/data/private-details.ts), loaded the first time
 * an element is asked to hide them: most pages show them, and never run these rules. Shared by
 * `<run-overview>` and `<run-page>` (its header); until they are in, neither shows what they hide.
 */
export const privateDetailsCode = lazyImport(() => import('../../data/private-details.js'));
