/** Attribute converters that warn about bad values and fall back instead of throwing. */
import type { ComplexAttributeConverter } from 'lit';

/** A list attribute: a JSON list, or items split by `separator` (comma, or comma and space). */
export function listConverter(tag: string, separator: RegExp): ComplexAttributeConverter<string[] | undefined> {
  return {
    fromAttribute(value: string | null): string[] | undefined {
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
    },
  };
}

/** A number attribute; anything that is not a finite number warns and reads as unset. */
export function numberConverter(tag: string): ComplexAttributeConverter<number | undefined> {
  return {
    fromAttribute(value: string | null): number | undefined {
      if (value === null || value.trim() === '') return undefined;
      const n = Number(value);
      if (!Number.isFinite(n)) {
        console.warn(`<${tag}>: ${JSON.stringify(value)} is not a number; ignored.`);
        return undefined;
      }
      return n;
    },
  };
}
