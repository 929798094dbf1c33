/**
 * Workspace settings in localStorage. A source object has no stable identity across page loads,
 * so the key is made of the run id and the element's `storage-key` attribute (set it to tell
 * sources apart: a project, a server URL). Storing a changed layout loads with the first change
 * (layout-edits.ts).
 */
import { parseSettings, type WorkspaceSettings } from './workspace-settings.js';

const PREFIX = 'runpage:metric-workspace:';

export function storageKeyFor(storageKey: string | undefined, runId: string): string {
  return `${PREFIX}${storageKey ?? ''}:${runId}`;
}

export function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // access denied (sandboxed frame, privacy mode)
  }
}

export interface StoredSettings {
  settings?: WorkspaceSettings;
  problems: string[];
}

/** Reads stored settings; unreadable JSON or invalid parts are reported in `problems`, never thrown. */
export function loadSettings(key: string): StoredSettings {
  let text: string | null | undefined;
  try {
    text = storage()?.getItem(key);
  } catch (e) {
    return { problems: [`could not read stored settings: ${String(e)}`] };
  }
  if (text === null || text === undefined) return { problems: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problems: ['stored settings are not valid JSON'] };
  }
  return parseSettings(value);
}
