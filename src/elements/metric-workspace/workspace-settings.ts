/**
 * The workspace layout as plain JSON, and how a panel's effective chart options are resolved:
 * workspace defaults < section overrides < panel overrides. No DOM here: a portal can build,
 * store and validate these objects anywhere.
 */
import { SMOOTHING_KINDS, type SmoothingKind } from '../../data/source.js';

/** Options that every level (workspace, section, panel) may set. */
export interface SharedOptions {
  /** `step`, `relative`, `process`, `wallclock` or a metric key. */
  x?: string;
  /** Smoothing kind; `smoothingWeight` is read from the same level as the kind. */
  smoothing?: SmoothingKind;
  smoothingWeight?: number;
  ignoreOutliers?: boolean;
}

/** Workspace and section levels also choose the number of columns. */
export interface LevelOptions extends SharedOptions {
  columns?: number;
}

export interface SectionSettings extends LevelOptions {
  collapsed?: boolean;
  pinned?: boolean;
}

/** What a panel may override; unset fields follow the section, then the workspace. */
export interface PanelSettings extends SharedOptions {
  title?: string;
  /** Metrics on the chart (default: the panel's own metric). */
  metrics?: string[];
  logX?: boolean;
  logY?: boolean;
  yMin?: number;
  yMax?: number;
  xMin?: number;
  xMax?: number;
  /** Series label template (`${metric}`, `${run}`, `${config.lr}`…). */
  legend?: string;
  /** CSS colours, by series order. */
  colors?: string[];
}

/** A panel the user added (or duplicated); it lives in `section` and plots `metrics`. */
export interface CustomPanel extends PanelSettings {
  id: string;
  section: string;
  metrics: string[];
}

export type PanelSort = 'alpha' | 'order';

export interface WorkspaceSettings {
  version: 1;
  /** Workspace-wide defaults. */
  workspace: LevelOptions;
  sort: PanelSort;
  /** Zooming one chart zooms every chart with the same x-axis. */
  syncZoom: boolean;
  /** By section name (`''` is the default section). */
  sections: Record<string, SectionSettings>;
  /** Overrides of automatic panels, by panel id (the metric key). */
  panels: Record<string, PanelSettings>;
  custom: CustomPanel[];
  /** Automatic panels the user deleted. */
  hidden: string[];
}

/** Chart options after resolution: what a `<metric-chart>` is given. */
export interface ResolvedPanel {
  x: string;
  smoothing: SmoothingKind;
  smoothingWeight?: number;
  ignoreOutliers: boolean;
  logX: boolean;
  logY: boolean;
}

export const MAX_COLUMNS = 6;

export function emptySettings(): WorkspaceSettings {
  return {
    version: 1,
    workspace: {},
    sort: 'alpha',
    syncZoom: false,
    sections: {},
    panels: {},
    custom: [],
    hidden: [],
  };
}

function firstDefined<T>(...values: (T | undefined)[]): T | undefined {
  return values.find((v) => v !== undefined);
}

/** Panel options in effect: panel beats section beats workspace beats the built-in default. */
export function resolvePanel(
  settings: WorkspaceSettings,
  section: string,
  panel: PanelSettings | undefined,
): ResolvedPanel {
  const levels: SharedOptions[] = [panel ?? {}, settings.sections[section] ?? {}, settings.workspace];
  const smoothingLevel = levels.find((l) => l.smoothing !== undefined);
  return {
    x: firstDefined(...levels.map((l) => l.x)) ?? 'step',
    smoothing: smoothingLevel?.smoothing ?? 'none',
    smoothingWeight: smoothingLevel?.smoothingWeight,
    ignoreOutliers: firstDefined(...levels.map((l) => l.ignoreOutliers)) ?? false,
    logX: panel?.logX ?? false,
    logY: panel?.logY ?? false,
  };
}

/**
 * Columns in effect for a section: section beats workspace; undefined is automatic (as many
 * columns of at least the minimum panel width as fit).
 */
export function resolveColumns(settings: WorkspaceSettings, section: string): number | undefined {
  return settings.sections[section]?.columns ?? settings.workspace.columns;
}

// ---- validation --------------------------------------------------------------------------

type Problems = string[];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function finite(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * A field's rule: when its value is kept, and the problem reported otherwise (`$` stands for the
 * value as JSON). Fields are read in the order of their rules.
 */
type Rule = readonly [field: string, valid: (v: unknown) => boolean, problem: string];

const isString = (v: unknown): boolean => typeof v === 'string';
const isBoolean = (v: unknown): boolean => typeof v === 'boolean';
const isStringList = (v: unknown): boolean => Array.isArray(v) && v.every(isString);
const rules = (fields: string[], valid: (v: unknown) => boolean, problem: string): Rule[] =>
  fields.map((f) => [f, valid, `${f} ${problem}`]);

const SHARED_RULES: readonly Rule[] = [
  ['x', (v) => v !== '' && isString(v), 'x must be a non-empty string'],
  ['smoothing', (v) => SMOOTHING_KINDS.includes(v as SmoothingKind), 'unknown smoothing $'],
  ['smoothingWeight', (v) => finite(v) && v >= 0, 'smoothingWeight must be a number ≥ 0'],
  ...rules(['ignoreOutliers'], isBoolean, 'must be true or false'),
];
const LEVEL_RULES: readonly Rule[] = [
  ...SHARED_RULES,
  [
    'columns',
    (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= MAX_COLUMNS,
    `columns must be a whole number from 1 to ${MAX_COLUMNS}`,
  ],
];
const PANEL_RULES: readonly Rule[] = [
  ...SHARED_RULES,
  ...rules(['title', 'legend'], isString, 'must be a string'),
  ...rules(['logX', 'logY'], isBoolean, 'must be true or false'),
  ...rules(['yMin', 'yMax', 'xMin', 'xMax'], finite, 'must be a finite number'),
  ...rules(['metrics', 'colors'], isStringList, 'must be a list of strings'),
];

/** The fields of `raw` that `list` names and that are valid; each invalid one is a problem. */
function readFields(raw: Record<string, unknown>, list: readonly Rule[], where: string, problems: Problems) {
  const out: Record<string, unknown> = {};
  for (const [field, valid, problem] of list) {
    const v = raw[field];
    if (v === undefined) continue;
    if (valid(v)) out[field] = v;
    else problems.push(`${where}: ${problem.replace('$', () => JSON.stringify(v))}`);
  }
  return out;
}

const readLevel = (raw: Record<string, unknown>, where: string, problems: Problems): LevelOptions =>
  readFields(raw, LEVEL_RULES, where, problems);

const SECTION_RULES: readonly Rule[] = [
  ...LEVEL_RULES,
  ...rules(['collapsed', 'pinned'], isBoolean, 'must be true or false'),
];
/** The fields of the settings object that are plain values. */
const TOP_RULES: readonly Rule[] = [
  ['sort', (v) => v === 'alpha' || v === 'order', 'unknown sort $'],
  ...rules(['syncZoom'], isBoolean, 'must be true or false'),
  ...rules(['hidden'], isStringList, 'must be a list of strings'),
];

function readPanel(raw: Record<string, unknown>, where: string, problems: Problems): PanelSettings {
  const out: PanelSettings = readFields(raw, PANEL_RULES, where, problems);
  const metrics = out.metrics?.filter((m) => m !== '');
  if (metrics?.length) out.metrics = metrics;
  else delete out.metrics;
  return out;
}

/** The entries of the object `value[field]`, each read by `read` when it is an object; the rest are problems. */
function readEntries<T>(
  value: Record<string, unknown>,
  field: string,
  what: string,
  read: (raw: Record<string, unknown>, where: string) => T,
  problems: Problems,
): Record<string, T> {
  const out: Record<string, T> = {};
  const map = value[field];
  if (map === undefined) return out;
  if (!isObject(map)) problems.push(`${field} must be an object`);
  else
    for (const [name, raw] of Object.entries(map))
      if (isObject(raw)) out[name] = read(raw, `${what} ${name}`);
      else problems.push(`${what} ${name}: must be an object`);
  return out;
}

/**
 * Reads settings from anything (stored JSON, a portal's server): every valid part is kept, every
 * invalid part is dropped and described in `problems`. Never throws.
 */
export function parseSettings(value: unknown): { settings: WorkspaceSettings; problems: string[] } {
  const settings = emptySettings();
  const problems: Problems = [];
  if (!isObject(value)) {
    problems.push('settings must be an object');
    return { settings, problems };
  }
  if (value.version !== undefined && value.version !== 1)
    problems.push(`unknown settings version ${JSON.stringify(value.version)}`);
  Object.assign(settings, readFields(value, TOP_RULES, 'settings', problems));
  settings.hidden = [...new Set(settings.hidden)];
  if (isObject(value.workspace)) settings.workspace = readLevel(value.workspace, 'workspace', problems);
  else if (value.workspace !== undefined) problems.push('workspace must be an object');
  settings.sections = readEntries(
    value,
    'sections',
    'section',
    (raw, at) => readFields(raw, SECTION_RULES, at, problems),
    problems,
  );
  settings.panels = readEntries(value, 'panels', 'panel', (raw, at) => readPanel(raw, at, problems), problems);
  if (Array.isArray(value.custom)) {
    const ids = new Set<string>();
    value.custom.forEach((raw, i) => {
      const where = `custom panel ${i + 1}`;
      if (!isObject(raw) || typeof raw.id !== 'string' || raw.id === '' || ids.has(raw.id)) {
        problems.push(`${where}: needs a unique id`);
        return;
      }
      const panel = readPanel(raw, where, problems);
      if (!panel.metrics) {
        problems.push(`${where}: needs at least one metric`);
        return;
      }
      ids.add(raw.id);
      settings.custom.push({
        ...panel,
        id: raw.id,
        section: typeof raw.section === 'string' ? raw.section : '',
        metrics: panel.metrics,
      });
    });
  } else if (value.custom !== undefined) problems.push('custom must be a list');
  return { settings, problems };
}
