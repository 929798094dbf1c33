/** Opens a test page (test/pages/…) in an iframe and reads what its runpage elements show. */
import { waitUntil } from '@open-wc/testing';

export const FIXTURE_URL = '/test/pages/fixtures/sample.runpage.json';

export async function openPage(path: string, width = 1100, height = 900): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.style.width = `${width}px`;
  frame.style.height = `${height}px`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.src = path;
  document.body.append(frame);
  await loaded;
  return frame;
}

/** Text of an element's shadow root (and, for composite elements, of the runpage elements inside it). */
export function deepText(el: Element | null | undefined): string {
  if (!el) return '';
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    const root = (node as Element).shadowRoot;
    if (root) walk(root);
    for (const child of node.childNodes) walk(child);
  };
  walk(el.shadowRoot ?? el);
  return parts.join(' ').replace(/\s+/g, ' ');
}

interface ChartLike extends HTMLElement {
  uplot?: {
    data: ArrayLike<number>[];
    bbox: { left: number; top: number; width: number; height: number };
    ctx: CanvasRenderingContext2D;
  };
}

/** Waits until a <metric-chart> (from any copy of runpage) drew its series, and returns how many plot pixels are in the first series colour. */
export async function chartSeriesPixels(chart: Element): Promise<number> {
  const el = chart as ChartLike;
  await waitUntil(() => (el.uplot?.data[0]?.length ?? 0) > 0, `<${chart.localName}> did not draw`, { timeout: 10_000 });
  await new Promise((r) => requestAnimationFrame(r));
  const u = el.uplot!;
  const view = chart.ownerDocument.defaultView!;
  const color = view.getComputedStyle(chart).getPropertyValue('--_series-0').trim();
  const probe = document.createElement('canvas').getContext('2d')!;
  probe.fillStyle = color;
  const hex = probe.fillStyle as string;
  const rgb = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const { left, top, width, height } = u.bbox;
  const img = u.ctx.getImageData(Math.round(left), Math.round(top), Math.round(width), Math.round(height)).data;
  let hits = 0;
  for (let i = 0; i < img.length; i += 4) {
    if (img[i + 3] < 50) continue;
    if (Math.abs(img[i] - rgb[0]) + Math.abs(img[i + 1] - rgb[1]) + Math.abs(img[i + 2] - rgb[2]) <= 60) hits++;
  }
  return hits;
}

export async function fixtureRun(): Promise<{ id: string; name: string }> {
  const bundle = (await (await fetch(FIXTURE_URL)).json()) as { runs: { info: { id: string; name: string } }[] };
  return bundle.runs[0].info;
}

export async function fixtureRunName(): Promise<string> {
  return (await fixtureRun()).name;
}
