/** The chart's data as CSV (the raw points of the visible range) and its canvas as PNG, and their download. */
import { lowerBound, upperBound } from '../../data/source.js';
import type { Series, SeriesQuery } from '../../data/source.js';
import { seriesToCsv } from './csv.js';

/**
 * The raw points of `range` (not the downsampled ones) as CSV; `xName` heads the x column.
 * (Given the source's getSeries, not the source: this module loads on the first export and imports
 * nothing of the chart's own, so the chart's modules stay in its file: a module shared with this one
 * would be a chunk apart. The binary searches of data/source.ts it shares with the sources.)
 */
export async function rawCsv(
  getSeries: (q: SeriesQuery) => Promise<Series[]>,
  query: Omit<SeriesQuery, 'range' | 'points'>,
  range: [number, number],
  xName: string,
): Promise<string> {
  const list = await getSeries({ ...query, range: [range[0], range[1]] });
  // the source adds one neighbour outside each end so lines reach the edges; the CSV holds the range only
  const [lo, hi] = range;
  const inRange = list.map((s) => {
    const i0 = lowerBound(s.x, lo);
    const i1 = upperBound(s.x, hi, i0);
    return { ...s, x: s.x.subarray(i0, i1), y: s.y.subarray(i0, i1) };
  });
  return seriesToCsv(inRange, xName);
}

/** The canvas as a PNG on `background` (the canvas itself is transparent). */
export function canvasPng(canvas: HTMLCanvasElement | undefined, background: string): Promise<Blob | null> {
  if (!canvas) return Promise.resolve(null);
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height;
  const ctx = out.getContext('2d');
  if (!ctx) return Promise.resolve(null);
  ctx.fillStyle = background || '#fff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(canvas, 0, 0);
  return new Promise((resolve) => out.toBlob(resolve, 'image/png'));
}

/** What the toolbar's export buttons save: the chart's public export methods and its label. */
export interface Exportable {
  readonly label: string;
  exportCsv(): Promise<string>;
  exportPng(): Promise<Blob | null>;
}

/** Saves the chart as a PNG image or its visible range as CSV, named after its label or `keys`. */
export async function saveExport(chart: Exportable, ext: 'png' | 'csv', keys: readonly string[]): Promise<void> {
  const blob = ext === 'png' ? await chart.exportPng() : new Blob([await chart.exportCsv()], { type: 'text/csv' });
  if (blob) download(blob, `${fileStem(chart.label, keys)}.${ext}`);
}

/** Saves `blob` as a file named `name`. */
function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name (without extension) from the chart's label or keys. */
export function fileStem(label: string, keys: readonly string[]): string {
  return (label || keys.join('_') || 'chart').replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 80);
}
