/**
 * From a run's metric list, media keys and the workspace settings to the panels the user sees,
 * grouped into sections by key prefix (`train/loss` → `train`) and sorted.
 */
import type { MediaKey, MetricInfo } from '../../data/source.js';
import type { PanelSettings, PanelSort, WorkspaceSettings } from './workspace-settings.js';

/** The section of keys without a prefix. */
export const DEFAULT_SECTION = '';

export interface Panel {
  id: string;
  kind: 'chart' | 'media';
  section: string;
  /** Metric keys plotted (chart) or the media key (media). */
  keys: string[];
  /** The name shown and searched. */
  title: string;
  /** False for panels the user added or duplicated. */
  auto: boolean;
  /** Logged order of the first key (custom panels after every logged one). */
  order: number;
  settings?: PanelSettings;
}

export interface Section {
  name: string;
  panels: Panel[];
  pinned: boolean;
  collapsed: boolean;
}

/** `train/loss` → `train`; `loss` → the default section; `/x` and `x/` stay whole names. */
export function sectionOf(key: string): string {
  const slash = key.indexOf('/');
  return slash > 0 && slash < key.length - 1 ? key.slice(0, slash) : DEFAULT_SECTION;
}

/** One panel per history metric and per media key, plus the user's panels, minus deleted ones. */
export function buildPanels(
  metrics: readonly MetricInfo[],
  media: readonly MediaKey[],
  settings: WorkspaceSettings,
): Panel[] {
  const hidden = new Set(settings.hidden);
  const panels: Panel[] = [];
  const orderOf = new Map<string, number>();
  let index = 0;
  for (const m of metrics) {
    if (m.group !== 'history') continue;
    const order = typeof m.order === 'number' && Number.isFinite(m.order) ? m.order : index;
    index++;
    orderOf.set(m.key, order);
    if (hidden.has(m.key)) continue;
    const own = settings.panels[m.key];
    panels.push({
      id: m.key,
      kind: 'chart',
      section: sectionOf(m.key),
      keys: own?.metrics ?? [m.key],
      title: own?.title || m.key,
      auto: true,
      order,
      settings: own,
    });
  }
  const after = Math.max(index, ...orderOf.values()) + 1;
  media.forEach((k, i) => {
    const id = `media:${k.key}`;
    if (hidden.has(id)) return;
    panels.push({
      id,
      kind: 'media',
      section: sectionOf(k.key),
      keys: [k.key],
      title: k.key,
      auto: true,
      order: after + i,
    });
  });
  settings.custom.forEach((c, i) => {
    panels.push({
      id: c.id,
      kind: 'chart',
      section: c.section,
      keys: c.metrics,
      title: c.title || c.metrics.join(', '),
      auto: false,
      order: after + media.length + i,
      settings: c,
    });
  });
  return panels;
}

// one collator: localeCompare with options builds a new one on every call (slow for 2,000 names)
const collator = new Intl.Collator('en', { numeric: true });

function comparePanels(sort: PanelSort): (a: Panel, b: Panel) => number {
  const byName = (a: Panel, b: Panel) => collator.compare(a.title, b.title) || collator.compare(a.id, b.id);
  return sort === 'order' ? (a, b) => a.order - b.order || byName(a, b) : byName;
}

/**
 * Sections in display order: pinned ones first, then named sections (alphabetically, or by the
 * first panel's logged order), the default section last. Panels sorted inside each.
 */
export function groupSections(panels: readonly Panel[], settings: WorkspaceSettings): Section[] {
  const bySection = new Map<string, Panel[]>();
  for (const p of panels) {
    let list = bySection.get(p.section);
    if (!list) bySection.set(p.section, (list = []));
    list.push(p);
  }
  const compare = comparePanels(settings.sort);
  const sections: Section[] = [...bySection].map(([name, list]) => ({
    name,
    panels: list.sort(compare),
    pinned: settings.sections[name]?.pinned === true,
    collapsed: settings.sections[name]?.collapsed === true,
  }));
  const firstOrder = (s: Section) => Math.min(...s.panels.map((p) => p.order));
  return sections.sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) ||
      Number(a.name === DEFAULT_SECTION) - Number(b.name === DEFAULT_SECTION) ||
      (settings.sort === 'order' ? firstOrder(a) - firstOrder(b) : 0) ||
      collator.compare(a.name, b.name),
  );
}
