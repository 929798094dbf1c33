/**
 * Idempotent, prefix-aware registration. Composite elements create children through
 * `createElementOf(Class)`, so they keep working when the elements are registered under a prefix.
 */
export const VERSION = '0.1.0';

type ElementClass = CustomElementConstructor & { runpageVersion?: string };

const registered = new Map<CustomElementConstructor, CustomElementConstructor>();
const tagPrefix: { value: string } = { value: '' };

/**
 * The prefix a page asks for on the script tag that loads a script-tag entry (`data-runpage-prefix`;
 * module scripts have no currentScript), unchecked.
 */
export function scriptTagPrefix(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  return document.querySelector<HTMLScriptElement>('script[data-runpage-prefix]')?.dataset.runpagePrefix;
}

const VALID_PREFIX = /^[a-z][a-z0-9._-]*$/;

/**
 * The prefix a page asked for, trimmed of trailing dashes; '' (with a console warning) when it
 * cannot start a custom element name.
 */
export function checkedTagPrefix(asked: string | undefined): string {
  const prefix = (asked ?? '').trim().replace(/-+$/, '');
  if (!prefix || VALID_PREFIX.test(prefix)) return prefix;
  console.warn(
    `runpage: "${asked}" cannot start a custom element name (lowercase letters, digits, - . _); registering without a prefix.`,
  );
  return '';
}

/** Registers `cls` as `<prefix-tag>`; a second import of the same version is a no-op, another version warns. */
export function defineElement(tag: string, cls: CustomElementConstructor, prefix = tagPrefix.value): void {
  if (typeof customElements === 'undefined') return;
  const name = prefix ? `${prefix}-${tag}` : tag;
  const existing = customElements.get(name) as ElementClass | undefined;
  if (existing) {
    if (existing !== cls && !isSubclassOf(existing, cls) && existing.runpageVersion !== VERSION) {
      console.warn(
        `runpage: <${name}> is already registered by runpage ${existing.runpageVersion ?? '(unknown version)'}; keeping it (this is ${VERSION}).`,
      );
    }
    if (!registered.has(cls) && isSubclassOf(existing, cls)) registered.set(cls, existing);
    return;
  }
  // A class can be registered once; a prefixed second registration needs its own subclass.
  const alreadyUsed = customElements.getName?.(cls);
  const toRegister: ElementClass = alreadyUsed ? class extends (cls as unknown as typeof HTMLElement) {} : cls;
  toRegister.runpageVersion = VERSION;
  customElements.define(name, toRegister);
  if (!registered.has(cls)) registered.set(cls, toRegister);
}

function isSubclassOf(sub: CustomElementConstructor, base: CustomElementConstructor): boolean {
  return sub === base || sub.prototype instanceof base;
}

/** Every element defined after this call gets `<prefix>-` in front of its tag. */
export function setTagPrefix(prefix: string): void {
  tagPrefix.value = prefix.replace(/-+$/, '');
}

/** The tag `cls` was registered under, if any. */
export function tagOf(cls: CustomElementConstructor): string | undefined {
  const actual = registered.get(cls) ?? cls;
  return customElements.getName?.(actual) ?? undefined;
}

/** Creates an instance of `cls` under whatever tag it was registered with. */
export function createElementOf<T extends HTMLElement>(cls: new () => T): T | undefined {
  const actual = registered.get(cls) ?? (customElements.getName?.(cls) ? cls : undefined);
  return actual ? (new actual() as T) : undefined;
}
