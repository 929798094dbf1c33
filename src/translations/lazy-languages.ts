/**
 * Japanese and German ship as chunks of their own, each loaded the first time an element shows it.
 * Registered here, not in i18n.ts, so that the label tables (which import i18n.ts for their types
 * and `defineMessages`) are not imported back by it.
 */
import { addTranslationLoader } from '../internal/i18n.js';

addTranslationLoader('ja', () => import('./ja.js'));
addTranslationLoader('de', () => import('./de.js'));
