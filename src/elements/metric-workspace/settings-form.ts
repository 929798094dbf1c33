/**
 * Reading the settings dialog's form into settings objects. Empty fields mean "inherit" (no
 * override); the form's field names match the settings fields.
 */
import { SMOOTHING_KINDS, type SmoothingKind } from '../../data/source.js';
import { MAX_COLUMNS, type LevelOptions, type PanelSettings, type SharedOptions } from './workspace-settings.js';

export interface FormValues {
  get(name: string): FormDataEntryValue | null;
}

function text(form: FormValues, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v.trim() : '';
}

function optionalNumber(form: FormValues, name: string, errors: string[]): number | undefined {
  const t = text(form, name);
  if (t === '') return undefined;
  const n = Number(t);
  if (Number.isFinite(n)) return n;
  errors.push(name);
  return undefined;
}

function readShared(form: FormValues, errors: string[]): SharedOptions {
  const out: SharedOptions = {};
  const x = text(form, 'x');
  if (x) out.x = x;
  const smoothing = text(form, 'smoothing');
  if (SMOOTHING_KINDS.includes(smoothing as SmoothingKind)) {
    out.smoothing = smoothing as SmoothingKind;
    const w = optionalNumber(form, 'smoothingWeight', errors);
    if (w !== undefined && w >= 0) out.smoothingWeight = w;
  }
  const outliers = text(form, 'ignoreOutliers');
  if (outliers === 'on' || outliers === 'off') out.ignoreOutliers = outliers === 'on';
  return out;
}

/** Section (or workspace) level: shared options and columns. */
export function readLevelForm(form: FormValues): { options: LevelOptions; errors: string[] } {
  const errors: string[] = [];
  const options: LevelOptions = readShared(form, errors);
  const columns = optionalNumber(form, 'columns', errors);
  if (columns !== undefined) {
    if (Number.isInteger(columns) && columns >= 1 && columns <= MAX_COLUMNS) options.columns = columns;
    else errors.push('columns');
  }
  return { options, errors };
}

/**
 * A panel's settings from the form; `metrics` come from the dialog's checkbox state.
 * `errors` names fields that hold invalid values (the dialog stays open and says so).
 */
export function readPanelForm(
  form: FormValues,
  metrics: readonly string[],
  isColor: (c: string) => boolean,
): { settings: PanelSettings; errors: string[] } {
  const errors: string[] = [];
  const settings: PanelSettings = readShared(form, errors);
  const title = text(form, 'title');
  if (title) settings.title = title;
  if (metrics.length === 0) errors.push('metrics');
  else settings.metrics = [...metrics];
  if (form.get('logX') === 'on') settings.logX = true;
  if (form.get('logY') === 'on') settings.logY = true;
  for (const key of ['xMin', 'xMax', 'yMin', 'yMax'] as const) {
    const v = optionalNumber(form, key, errors);
    if (v !== undefined) settings[key] = v;
  }
  const legend = text(form, 'legend');
  if (legend) settings.legend = legend;
  const colors = text(form, 'colors')
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const bad = colors.filter((c) => !isColor(c));
  if (bad.length > 0) errors.push(...bad.map((c) => `color:${c}`));
  else if (colors.length > 0) settings.colors = colors;
  return { settings, errors };
}
