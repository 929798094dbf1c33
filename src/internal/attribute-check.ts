/**
 * Warnings about attribute values an element cannot use. Every warning names the element as it is
 * registered (`<acme-log-viewer>` under a prefix), the attribute, the value and what is done instead.
 */

/** Warns that `attribute="value"` is not `expected` and says what the element does `instead`. */
export function warnAttribute(
  host: Element,
  attribute: string,
  value: unknown,
  expected: string,
  instead: string,
): void {
  console.warn(`<${host.localName}>: ${attribute}="${String(value)}" is not ${expected}; ${instead}.`);
}

/** "a, b or c" */
export function orList(values: readonly string[]): string {
  return values.length < 2 ? (values[0] ?? '') : `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;
}

/**
 * `value` when it is one of `allowed`; otherwise warns and gives `fallback` (`instead` says what
 * that means to the user, "using <fallback>" unless given).
 */
export function oneOf<T extends string>(
  host: Element,
  attribute: string,
  value: unknown,
  allowed: readonly T[],
  fallback: T,
  instead = `using ${fallback}`,
): T {
  if ((allowed as readonly unknown[]).includes(value)) return value as T;
  warnAttribute(host, attribute, value, orList(allowed), instead);
  return fallback;
}

const deprecatedWarned = new Set<string>();

/** Warns, once per page for each element and attribute, that `old` is deprecated in favour of `replacement`. */
export function warnDeprecated(host: Element, old: string, replacement: string): void {
  const key = `${host.localName} ${old}`;
  if (deprecatedWarned.has(key)) return;
  deprecatedWarned.add(key);
  console.warn(`<${host.localName}>: ${old} is deprecated; use ${replacement}.`);
}
