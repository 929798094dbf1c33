/**
 * Splits a path into its segments, or returns undefined when it is not a safe relative path
 * (`..` or `.` segments, NUL characters). Leading, trailing and doubled slashes are ignored.
 */
export function pathSegments(path: string): string[] | undefined {
  if (typeof path !== 'string' || path.includes('\0')) return undefined;
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '') continue;
    if (p === '..' || p === '.') return undefined;
    parts.push(p);
  }
  return parts;
}
