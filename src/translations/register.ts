/**
 * Adding a language, or changing labels of one, from the page:
 *
 * ```ts
 * import { registerTranslation } from 'runpage';
 * registerTranslation('fr', () => import('./runpage-fr.js')); // loaded the first time French is shown
 * registerTranslation('fr', fr);                              // or the tables themselves
 * overrideMessages('en', { runPage: { charts: 'Metrics' } }); // one label, any language
 * ```
 *
 * A language applies to every element whose nearest `lang` attribute names it (`fr`, `fr-CA`…).
 */
import { addTranslation, addTranslationLoader, type Lang } from '../internal/i18n.js';
import type { PartialTranslation, Translation } from './catalog.js';

export type { MessageCatalog, PartialTranslation, Translation } from './catalog.js';

/**
 * Registers every label of `lang`: the tables, or a function that loads them (a module whose
 * default export they are, say), called the first time an element shows `lang`.
 * Throws a RangeError when `lang` is not a BCP 47 language tag.
 */
export function registerTranslation(
  lang: Lang,
  messages: Translation | (() => Promise<Translation | { default: Translation }>),
): void {
  if (typeof messages === 'function') addTranslationLoader(lang, messages);
  else addTranslation(lang, messages);
}

/** Replaces some labels of `lang` (built in or registered), key by key. */
export function overrideMessages(lang: Lang, messages: PartialTranslation): void {
  addTranslation(lang, messages, { override: true });
}
