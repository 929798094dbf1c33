/**
 * Syntax highlighting with highlight.js, loaded lazily: the core and each language module are
 * fetched the first time a preview needs them, never at element load.
 */
import type { HLJSApi, LanguageFn } from 'highlight.js';
import { sanitizeHighlight } from '../../../internal/sanitize.js';

type LanguageModule = Promise<{ default: LanguageFn }>;

// Literal import() specifiers so bundlers split each language into its own chunk. Exported for
// the test of a language that cannot load.
export const LANGUAGES: Record<string, () => LanguageModule> = {
  python: () => import('highlight.js/lib/languages/python'),
  yaml: () => import('highlight.js/lib/languages/yaml'),
  json: () => import('highlight.js/lib/languages/json'),
  ini: () => import('highlight.js/lib/languages/ini'),
  markdown: () => import('highlight.js/lib/languages/markdown'),
  bash: () => import('highlight.js/lib/languages/bash'),
  shell: () => import('highlight.js/lib/languages/shell'),
  javascript: () => import('highlight.js/lib/languages/javascript'),
  typescript: () => import('highlight.js/lib/languages/typescript'),
  c: () => import('highlight.js/lib/languages/c'),
  cpp: () => import('highlight.js/lib/languages/cpp'),
  go: () => import('highlight.js/lib/languages/go'),
  rust: () => import('highlight.js/lib/languages/rust'),
  java: () => import('highlight.js/lib/languages/java'),
  r: () => import('highlight.js/lib/languages/r'),
  sql: () => import('highlight.js/lib/languages/sql'),
  css: () => import('highlight.js/lib/languages/css'),
  xml: () => import('highlight.js/lib/languages/xml'),
  diff: () => import('highlight.js/lib/languages/diff'),
  dockerfile: () => import('highlight.js/lib/languages/dockerfile'),
  makefile: () => import('highlight.js/lib/languages/makefile'),
};

/**
 * Beyond this many characters highlighting is skipped: highlight.js runs on the main thread in
 * one go (about 1–2 MB/s), so this bounds the pause to a fraction of a second.
 */
export const MAX_HIGHLIGHT_CHARS = 200_000;

let core: Promise<HLJSApi> | undefined;
let loadCore = (): Promise<HLJSApi> => import('highlight.js/lib/core').then((m) => m.default);
const registered = new Map<string, Promise<boolean>>();

/**
 * Supplies the highlight.js core another way than importing `highlight.js/lib/core` (a copy the
 * page already loads, or an environment that cannot load that CommonJS module as ES).
 * Call before the first preview; language modules are still imported one by one.
 */
export function useHighlighter(load: () => Promise<HLJSApi>): void {
  loadCore = load;
  core = undefined;
  registered.clear();
}

async function withLanguage(language: string): Promise<HLJSApi | undefined> {
  const load = LANGUAGES[language];
  if (!load) return undefined;
  const loading = (core ??= loadCore());
  let hljs: HLJSApi;
  try {
    hljs = await loading;
  } catch (e) {
    if (core === loading) core = undefined; // a failed chunk load may succeed next time
    throw e;
  }
  let ready = registered.get(language);
  if (!ready) {
    const registering: Promise<boolean> = load().then(
      (m) => {
        hljs.registerLanguage(language, m.default);
        return true;
      },
      () => {
        if (registered.get(language) === registering) registered.delete(language); // tried again next time
        return false;
      },
    );
    ready = registering;
    registered.set(language, ready);
  }
  return (await ready) ? hljs : undefined;
}

/** Whether `language` has a highlighter (plaintext and unknown languages do not). */
export function canHighlight(language: string | undefined): boolean {
  return !!language && language in LANGUAGES;
}

/**
 * Highlighted HTML for `code` (sanitized: only `<span class>`), or undefined when the language
 * has no highlighter, the text is too long, or loading failed (the caller shows plain text).
 */
export async function highlightCode(code: string, language: string | undefined): Promise<string | undefined> {
  if (!language || !canHighlight(language) || code.length > MAX_HIGHLIGHT_CHARS) return undefined;
  try {
    const hljs = await withLanguage(language);
    if (!hljs) return undefined;
    // Let the plain text paint first; the highlighted version replaces it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const html = hljs.highlight(code, { language, ignoreIllegals: true }).value;
    return await sanitizeHighlight(html);
  } catch {
    return undefined;
  }
}
