/**
 * `decodeURIComponent` that does not throw: a URL hash or a link is typed or pasted by anyone, and
 * a malformed percent-encoding (`#%E0%A4%A`) must be ignored, never an uncaught URIError.
 */
export function decodeComponent(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
