/**
 * Labels and the language they are shown in. Each element defines its own English table with
 * `defineMessages(namespace, en)`; every other language comes from `registerTranslation()`
 * (src/translations/register.ts), either as tables or as a loader that runs the first time an
 * element shows that language. Japanese and German ship that way, each as a lazy chunk
 * (src/translations/ja.ts, de.ts), so a page in English loads no other language's labels.
 *
 * The language of an element is the nearest `lang` attribute (crossing shadow roots), else the
 * browser's. It is kept as a canonical BCP 47 tag (`de-CH`): numbers and dates are formatted by
 * `Intl` for that tag whatever it is, and labels fall back from `de-CH` to `de` to English.
 */
export type Lang = string;
/** The languages whose labels ship with runpage (English in the element modules, the others as lazy chunks). */
export const LANGS: readonly Lang[] = ['en', 'ja'];

export type MessageValue = string | ((...args: never[]) => string);
type Args<V> = V extends (...args: infer A) => string ? A : [];
/** A table in another language: every key, strings free, functions with the same arguments. */
export type Localized<M> = { [K in keyof M]: M[K] extends string ? string : M[K] };
type Table = Readonly<Record<string, MessageValue>>;

export interface Translator<M extends Record<string, MessageValue>> {
  <K extends keyof M>(lang: Lang, key: K, ...args: Args<M[K]>): string;
  /** The English table (what other languages translate). */
  readonly en: M;
  /** The name `registerTranslation()` tables use for this table, if it has one. */
  readonly namespace?: string;
}

/** Registered tables, and overrides of single labels (which win): language tag (lower case) → namespace → table. */
const registered = new Map<string, Map<string, Table>>();
const overrides = new Map<string, Map<string, Table>>();
/** Languages that load when first shown, and those that are loading or failed to load. */
const loaders = new Map<string, () => Promise<LoadedTables>>();
const loading = new Map<string, Promise<void>>();
/** Languages whose loader has finished (loaded or failed): nothing to wait for. */
const settled = new Set<string>();
const listeners = new Set<() => void>();

/** A table other languages translate under `namespace` (registered, or loaded on first use). */
export function defineMessages<const M extends Record<string, MessageValue>>(namespace: string, en: M): Translator<M>;
/** A table without a namespace: English and the Japanese given here only. */
export function defineMessages<const M extends Record<string, MessageValue>>(en: M, ja: Localized<M>): Translator<M>;
export function defineMessages<const M extends Record<string, MessageValue>>(
  ...args: [string, M] | [M, Localized<M>]
): Translator<M> {
  const [namespace, en, ja] = typeof args[0] === 'string' ? [args[0], args[1] as M] : [undefined, args[0], args[1]];
  const builtIn: Record<string, Table | undefined> = { en, ja };
  const translate = (lang: Lang, key: keyof M, ...params: unknown[]): string => {
    let value: MessageValue | undefined;
    for (const tag of fallbacks(lang)) {
      value =
        (namespace
          ? (overrides.get(tag)?.get(namespace)?.[key as string] ??
            registered.get(tag)?.get(namespace)?.[key as string])
          : undefined) ?? builtIn[tag]?.[key as string];
      if (value !== undefined) break;
    }
    value ??= en[key as string];
    return typeof value === 'function' ? (value as (...a: unknown[]) => string)(...params) : (value as string);
  };
  return Object.assign(translate, { en, namespace }) as unknown as Translator<M>;
}

/** `de-CH` → `de-ch`, `de`, `en`: where a label is looked for, in order. */
function fallbacks(lang: Lang): string[] {
  const tag = lang.toLowerCase();
  const base = tag.split('-')[0];
  return base === tag ? [tag, 'en'] : [tag, base, 'en'];
}

/**
 * Adds tables for `lang`, by namespace; later calls win key by key. With `override`, the labels win
 * over every table of that language, including one that loads later. Elements re-render.
 */
export function addTranslation(
  lang: Lang,
  tables: Readonly<Record<string, Table | undefined>>,
  { override = false } = {},
): void {
  const tag = canonical(lang)?.toLowerCase();
  if (!tag) throw new RangeError(`registerTranslation: "${lang}" is not a language tag`);
  const store = override ? overrides : registered;
  let byNamespace = store.get(tag);
  if (!byNamespace) store.set(tag, (byNamespace = new Map()));
  for (const [namespace, table] of Object.entries(tables)) {
    if (table && typeof table === 'object') byNamespace.set(namespace, { ...byNamespace.get(namespace), ...table });
  }
  for (const l of listeners) l();
}

/** What a loader resolves to: the tables by namespace, or a module whose default export they are. */
export type LoadedTables =
  Readonly<Record<string, Table | undefined>> | { default: Readonly<Record<string, Table | undefined>> };

/** Tables for `lang` that load the first time an element shows it (a dynamic `import()`, say). */
export function addTranslationLoader(lang: Lang, load: () => Promise<LoadedTables>): void {
  const tag = canonical(lang)?.toLowerCase();
  if (!tag) throw new RangeError(`registerTranslation: "${lang}" is not a language tag`);
  loaders.set(tag, load);
  loading.delete(tag);
  settled.delete(tag);
}

/**
 * Starts loading the tables `lang` falls back to, if a loader is registered and they are not
 * loaded yet. Resolves when they are there (or the loader failed: labels then stay English);
 * undefined when there is nothing to wait for.
 */
export function loadTranslation(lang: Lang): Promise<void> | undefined {
  let pending: Promise<void> | undefined;
  for (const tag of fallbacks(lang)) {
    const load = loaders.get(tag);
    if (!load || settled.has(tag)) continue;
    let p = loading.get(tag);
    if (!p) {
      p = load()
        .then(
          (loaded) => addTranslation(tag, tablesOf(loaded)),
          (e: unknown) => console.warn(`runpage: the "${tag}" labels could not be loaded; showing English.`, e),
        )
        .finally(() => settled.add(tag));
      loading.set(tag, p);
    }
    pending = pending ? pending.then(() => p) : p;
  }
  return pending;
}

function tablesOf(loaded: LoadedTables): Readonly<Record<string, Table | undefined>> {
  const d = (loaded as { default?: unknown }).default;
  return (d && typeof d === 'object' ? d : loaded) as Readonly<Record<string, Table | undefined>>;
}

/** Calls `listener` whenever tables are added; returns the unsubscribe. */
export function onTranslationsChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function canonical(value: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(value)[0];
  } catch {
    return undefined;
  }
}

/** A `lang` attribute's value as a canonical tag, or undefined when it is empty or not a language tag. */
export function toLang(value: string | null | undefined): Lang | undefined {
  const v = value?.trim();
  return v ? canonical(v) : undefined;
}

/** The language of `el`: its own or its nearest ancestor's `lang`, across shadow roots; else the browser's. */
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
  return toLang(globalThis.navigator?.language) ?? 'en';
}
