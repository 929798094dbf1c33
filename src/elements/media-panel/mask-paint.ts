/**
 * Class-id masks: each pixel's red channel is a class id. Painted onto a canvas in the theme's
 * series colours, translucent, leaving hidden classes clear.
 */

/** `[r, g, b]` of any CSS colour (through a 1×1 canvas). */
export function cssColorToRgb(color: string): [number, number, number] {
  const c = document.createElement('canvas');
  c.width = c.height = 1;
  const ctx = c.getContext('2d', { willReadFrequently: true });
  if (!ctx) return [0, 0, 0];
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
  return [r, g, b];
}

const MASK_ALPHA = 115;

/**
 * Draws the mask at `url` onto `canvas`; resolves false when the image cannot be read (a failed
 * load, or a cross-origin image without CORS, whose pixels the browser keeps from scripts).
 */
export async function paintMask(
  canvas: HTMLCanvasElement,
  url: string,
  colorOf: (classId: number) => [number, number, number] | undefined,
): Promise<boolean> {
  const img = new Image();
  img.crossOrigin = 'anonymous';
  img.src = url;
  try {
    await img.decode();
  } catch {
    return false;
  }
  const w = img.naturalWidth;
  const h = img.naturalHeight;
  if (!w || !h) return false;
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return false;
  ctx.clearRect(0, 0, w, h);
  ctx.drawImage(img, 0, 0);
  let data: ImageData;
  try {
    data = ctx.getImageData(0, 0, w, h);
  } catch {
    ctx.clearRect(0, 0, w, h);
    return false;
  }
  const px = data.data;
  const cache = new Map<number, [number, number, number] | undefined>();
  for (let i = 0; i < px.length; i += 4) {
    const id = px[i];
    let rgb = cache.get(id);
    if (!cache.has(id)) cache.set(id, (rgb = colorOf(id)));
    if (rgb) {
      px[i] = rgb[0];
      px[i + 1] = rgb[1];
      px[i + 2] = rgb[2];
      px[i + 3] = MASK_ALPHA;
    } else px[i + 3] = 0;
  }
  ctx.putImageData(data, 0, 0);
  return true;
}

/** What each canvas was last painted with (mask, hidden classes, palette): painted again only when that changes. */
const painted = new WeakMap<HTMLCanvasElement, string>();

/**
 * Paints the mask of each canvas (its `data-url`) in the colours of `colorOf` (a CSS colour per
 * class id), leaving `hidden` classes clear; `palette` changes when the theme's colours do. A mask
 * that cannot be read hides its canvas.
 */
export function paintMasks(
  canvases: Iterable<HTMLCanvasElement>,
  hidden: ReadonlySet<number>,
  palette: number,
  colorOf: (classId: number) => string,
): void {
  const signatureEnd = `|${[...hidden].sort().join(',')}|${palette}`;
  const rgb = new Map<number, [number, number, number]>();
  const rgbOf = (id: number) => {
    if (hidden.has(id)) return undefined;
    let c = rgb.get(id);
    if (!c) rgb.set(id, (c = cssColorToRgb(colorOf(id))));
    return c;
  };
  for (const canvas of canvases) {
    const url = canvas.dataset.url ?? '';
    const signature = url + signatureEnd;
    if (painted.get(canvas) === signature) continue;
    painted.set(canvas, signature);
    // shown again once painted: hidden while its code could not load (media-panel.ts)
    void paintMask(canvas, url, rgbOf).then((ok) => (canvas.hidden = !ok));
  }
}
