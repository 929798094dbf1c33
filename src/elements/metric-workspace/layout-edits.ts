/**
 * The user's changes to the layout (a panel duplicated or deleted, a section collapsed or pinned)
 * and how a changed layout is stored. `<metric-workspace>` loads this with the first change: most
 * visits only look.
 */
import type { Panel, Section } from './panel-layout.js';
import { storage } from './settings-storage.js';
import type { PanelSettings, WorkspaceSettings } from './workspace-settings.js';

/** Drops empty override objects so stored JSON stays small and "reset" really resets. */
export function compactSettings(s: WorkspaceSettings): WorkspaceSettings {
  const prune = <T extends object>(rec: Record<string, T>): Record<string, T> =>
    Object.fromEntries(
      Object.entries(rec)
        .map(([k, v]) => [k, Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) as T] as const)
        .filter(([, v]) => Object.keys(v).length > 0),
    );
  return { ...s, sections: prune(s.sections), panels: prune(s.panels) };
}

/** Stores settings; a full or unavailable storage is reported, not thrown. */
export function saveSettings(key: string, settings: WorkspaceSettings): string | undefined {
  try {
    storage()?.setItem(key, JSON.stringify(compactSettings(settings)));
    return undefined;
  } catch (e) {
    return `could not store settings: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/**
 * `layout` after `change` (made on a copy), compacted, and stored under `key` when given (a storage
 * that refuses is reported with `console.warn`).
 */
export function changedLayout(
  layout: WorkspaceSettings,
  change: (s: WorkspaceSettings) => void,
  key: string | undefined,
): WorkspaceSettings {
  const next = structuredClone(layout);
  change(next);
  const out = compactSettings(next);
  const problem = key === undefined ? undefined : saveSettings(key, out);
  if (problem) console.warn(`<metric-workspace>: ${problem}`);
  return out;
}

/** The first `panel-<n>` id that no added panel of `s` has. */
export function newPanelId(s: WorkspaceSettings): string {
  const used = new Set(s.custom.map((c) => c.id));
  let n = s.custom.length + 1;
  while (used.has(`panel-${n}`)) n++;
  return `panel-${n}`;
}

/** Adds a copy of `panel` (its settings and metrics) to its section. */
export function duplicatePanel(s: WorkspaceSettings, panel: Panel): void {
  const copy = { ...(panel.settings ?? {}) } as PanelSettings & { id?: string; section?: string };
  delete copy.id;
  delete copy.section;
  s.custom.push({ ...structuredClone(copy), id: newPanelId(s), section: panel.section, metrics: [...panel.keys] });
}

/** Deletes `panel`: an automatic one is hidden (until restored), an added one is gone. */
export function removePanel(s: WorkspaceSettings, panel: Panel): void {
  if (panel.auto) {
    s.hidden.push(panel.id);
    delete s.panels[panel.id];
  } else s.custom = s.custom.filter((c) => c.id !== panel.id);
}

/** Turns a section's `collapsed` or `pinned` flag on or off. */
export function toggleSection(s: WorkspaceSettings, section: Section, key: 'collapsed' | 'pinned'): void {
  const own = (s.sections[section.name] ??= {});
  if (own[key]) delete own[key];
  else own[key] = true;
}
