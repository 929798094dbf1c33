/**
 * Labels in English and Japanese. Each element defines its own table with `defineMessages`;
 * the language comes from the nearest `lang` attribute (crossing shadow roots), default English.
 */
export type Lang = 'en' | 'ja';
export const LANGS: readonly Lang[] = ['en', 'ja'];

type MessageValue = string | ((...args: never[]) => string);
type Args<V> = V extends (...args: infer A) => string ? A : [];
type Localized<M> = { [K in keyof M]: M[K] extends string ? string : M[K] };

export type Translator<M extends Record<string, MessageValue>> = <K extends keyof M>(
  lang: Lang,
  key: K,
  ...args: Args<M[K]>
) => string;

export function defineMessages<const M extends Record<string, MessageValue>>(en: M, ja: Localized<M>): Translator<M> {
  const tables: Record<Lang, Record<string, MessageValue>> = { en, ja };
  return (lang, key, ...args) => {
    const value = tables[lang][key as string] ?? en[key as string];
    return typeof value === 'function' ? (value as (...a: unknown[]) => string)(...args) : (value as string);
  };
}

export function toLang(value: string | null | undefined): Lang | undefined {
  if (!value) return undefined;
  const v = value.trim().toLowerCase();
  if (v.startsWith('ja')) return 'ja';
  if (v) return 'en';
  return undefined;
}

/** The language of `el`: its own or its nearest ancestor's `lang`, across shadow roots. */
export function resolveLang(el: Element): Lang {
  let node: Element | null = el;
  while (node) {
    const found: Element | null = node.closest('[lang]');
    if (found) {
      const lang = toLang(found.getAttribute('lang'));
      if (lang) return lang;
      node = found.parentElement;
      continue;
    }
    const root = node.getRootNode();
    node = root instanceof ShadowRoot ? root.host : null;
  }
  return toLang(globalThis.navigator?.language) === 'ja' ? 'ja' : 'en';
}
