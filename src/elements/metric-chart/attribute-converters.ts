/**
 * Attribute converters that warn about bad values and fall back instead of throwing. Each is lit's
 * shorter form of a converter: the function that reads the attribute.
 */

/** A list attribute: a JSON list, or items split by `separator` (comma, or comma and space). */
export const listConverter =
  (tag: string, separator: RegExp) =>
  (value: string | null): string[] | undefined => {
    if (value === null) return undefined;
    const v = value.trim();
    if (v.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(v);
        if (Array.isArray(parsed)) return parsed.map(String);
      } catch {
        console.warn(`<${tag}>: ${JSON.stringify(value)} is not a JSON list; reading it as a separated list.`);
      }
    }
    return v
      .split(separator)
      .map((s) => s.trim())
      .filter(Boolean);
  };

/** A number attribute; anything that is not a finite number warns and reads as unset. */
export const numberConverter =
  (tag: string) =>
  (value: string | null): number | undefined => {
    if (value === null || value.trim() === '') return undefined;
    const n = Number(value);
    if (Number.isFinite(n)) return n;
    console.warn(`<${tag}>: ${JSON.stringify(value)} is not a number; ignored.`);
    return undefined;
  };
