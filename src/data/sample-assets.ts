/** The model graph, artifacts and media of a generated run. */
import type { ArtifactDetail, BoundingBox, FileEntry, MediaItem, ModelGraph, ModelLayer } from './source.js';
import type { MemoryFile } from './memory-files.js';
import type { Random } from './random.js';
import { dataUrl } from './png.js';
import { samplePng } from './sample-files.js';

const linear = (inp: number, out: number, bias = true): number => inp * out + (bias ? out : 0);

export interface SampleModelShape {
  blocks: number;
  dim: number;
  classes: number;
  imageSize: number;
  patch: number;
}

export const SAMPLE_MODEL: SampleModelShape = { blocks: 4, dim: 192, classes: 100, imageSize: 224, patch: 16 };

/**
 * A small vision transformer (timm's layout). `params` are each module's own parameters (the root
 * owns the class token and position embedding), so the sum over all layers is the model's total.
 */
export function sampleModel(shape: SampleModelShape = SAMPLE_MODEL): ModelGraph {
  const { blocks, dim, classes, imageSize, patch } = shape;
  const tokens = (imageSize / patch) ** 2 + 1;
  const layers: ModelLayer[] = [];
  const add = (id: string, type: string, params: number, outputShape?: string, extra: Partial<ModelLayer> = {}): void => {
    const dot = id.lastIndexOf('.');
    const layer: ModelLayer = { id, name: dot < 0 ? id : id.slice(dot + 1), type, params, ...extra };
    if (dot >= 0) layer.parent = id.slice(0, dot);
    if (outputShape) layer.outputShape = outputShape;
    layers.push(layer);
  };
  const seq = `[B, ${tokens}, ${dim}]`;
  const grid = imageSize / patch;
  // cls_token (dim) is trained; the sin-cos position embedding (tokens × dim) is frozen.
  add('vit', 'VisionTransformer', dim + tokens * dim, `[B, ${classes}]`, { inputShape: `[B, 3, ${imageSize}, ${imageSize}]`, trainableParams: dim });
  add('vit.patch_embed', 'PatchEmbed', 0, `[B, ${grid * grid}, ${dim}]`);
  add('vit.patch_embed.proj', 'Conv2d', 3 * patch * patch * dim + dim, `[B, ${dim}, ${grid}, ${grid}]`);
  add('vit.pos_drop', 'Dropout', 0, seq);
  add('vit.blocks', 'Sequential', 0, seq);
  for (let b = 0; b < blocks; b++) {
    const p = `vit.blocks.${b}`;
    add(p, 'Block', 0, seq);
    add(`${p}.norm1`, 'LayerNorm', 2 * dim, seq);
    add(`${p}.attn`, 'Attention', 0, seq);
    add(`${p}.attn.qkv`, 'Linear', linear(dim, 3 * dim), `[B, ${tokens}, ${3 * dim}]`);
    add(`${p}.attn.proj`, 'Linear', linear(dim, dim), seq);
    add(`${p}.norm2`, 'LayerNorm', 2 * dim, seq);
    add(`${p}.mlp`, 'Mlp', 0, seq);
    add(`${p}.mlp.fc1`, 'Linear', linear(dim, 4 * dim), `[B, ${tokens}, ${4 * dim}]`);
    add(`${p}.mlp.act`, 'GELU', 0, `[B, ${tokens}, ${4 * dim}]`);
    add(`${p}.mlp.fc2`, 'Linear', linear(4 * dim, dim), seq);
  }
  add('vit.norm', 'LayerNorm', 2 * dim, seq);
  add('vit.head', 'Linear', linear(dim, classes), `[B, ${classes}]`);
  return { format: 'pytorch', name: 'VisionTransformer', layers };
}

/** Total parameters of the sample model. */
export function sampleModelParams(shape: SampleModelShape = SAMPLE_MODEL): number {
  return sampleModel(shape).layers.reduce((s, l) => s + l.params, 0);
}

interface ArtifactFileSpec {
  path: string;
  text?: string;
  size?: number;
}

function manifest(specs: ArtifactFileSpec[], createdAt: number): FileEntry[] {
  const encoder = new TextEncoder();
  return specs.map((f) => ({
    path: f.path,
    name: f.path.slice(f.path.lastIndexOf('/') + 1),
    kind: 'file',
    size: f.text !== undefined ? encoder.encode(f.text).length : (f.size ?? 0),
    modified: createdAt,
  }));
}

/** The files of an artifact that have contents, for `MemoryRun.artifactFiles`. */
function contents(specs: ArtifactFileSpec[], createdAt: number): MemoryFile[] {
  return specs.filter((f) => f.text !== undefined).map((f) => ({ path: f.path, bytes: f.text, modified: createdAt }));
}

function digest(rnd: Random): string {
  return Array.from({ length: 32 }, () => rnd.int(0, 15).toString(16)).join('');
}

export interface SampleArtifacts {
  artifacts: ArtifactDetail[];
  /** Contents of the small text files of each artifact, by artifact id. */
  files: Record<string, MemoryFile[]>;
}

export function sampleArtifacts(rnd: Random, runId: string, startedAt: number, endedAt: number): SampleArtifacts {
  const datasetCreated = startedAt - 86_400_000 * 12;
  const dataSpecs: ArtifactFileSpec[] = [
    ...Array.from({ length: 8 }, (_, i) => ({ path: `train/shard-${String(i).padStart(4, '0')}.tar`, size: rnd.int(240_000_000, 260_000_000) })),
    { path: 'val/shard-0000.tar', size: rnd.int(45_000_000, 50_000_000) },
    { path: 'classes.json', text: JSON.stringify(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [i, `class_${i}`])), null, 2) },
    { path: 'README.md', text: '# imagenet-subset\n\n100 ImageNet-1k classes, 1,280 training and 50 validation images each, resized to 224 px.\n' },
  ];
  const dataFiles = manifest(dataSpecs, datasetCreated);
  const dataSize = dataFiles.reduce((s, f) => s + (f.size ?? 0), 0);
  const datasetVersions = [3, 2, 1, 0].map((v) => ({
    id: `imagenet-subset:v${v}`,
    name: 'imagenet-subset',
    type: 'dataset',
    direction: 'input' as const,
    version: `v${v}`,
    aliases: v === 3 ? ['latest'] : [],
    createdAt: startedAt - 86_400_000 * (12 + 9 * (3 - v)),
  }));
  const modelSpecs: ArtifactFileSpec[] = [
    { path: 'model.pt', size: 87_312_448 },
    { path: 'config.yaml', text: `model: vit-tiny-patch16\nblocks: ${SAMPLE_MODEL.blocks}\ndim: ${SAMPLE_MODEL.dim}\nheads: 3\npatch: ${SAMPLE_MODEL.patch}\nimage_size: ${SAMPLE_MODEL.imageSize}\nnum_classes: ${SAMPLE_MODEL.classes}\n` },
    { path: 'preprocess/normalize.json', text: JSON.stringify({ mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] }, null, 2) },
  ];
  const modelFiles = manifest(modelSpecs, endedAt);
  const modelId = `model-${runId}:v1`;
  const artifacts: ArtifactDetail[] = [
    {
      ...datasetVersions[0],
      size: dataSize,
      digest: digest(rnd),
      fileCount: dataFiles.length,
      description: 'A 128k-image subset of ImageNet-1k, resized to 224 px.',
      metadata: { images: 133_000, classes: 100, resolution: 224, split: { train: 128_000, val: 5_000 } },
      files: dataFiles,
      producer: { id: 'prep-7f3k2a', name: 'prepare-imagenet-subset', project: 'vit-imagenet', state: 'finished' },
      consumers: [{ id: runId, state: 'finished' }, { id: 'eval-9d1c0b', name: 'eval-sweep-3', state: 'finished' }],
      versions: datasetVersions,
    },
    {
      id: modelId,
      name: `model-${runId}`,
      type: 'model',
      direction: 'output',
      version: 'v1',
      aliases: ['latest', 'best'],
      size: modelFiles.reduce((s, f) => s + (f.size ?? 0), 0),
      digest: digest(rnd),
      createdAt: endedAt,
      fileCount: modelFiles.length,
      description: 'Best checkpoint by val/accuracy.',
      metadata: { 'val/accuracy': 0.871, epoch: 10, framework: 'pytorch', parameters: sampleModelParams() },
      files: modelFiles,
      producer: { id: runId, state: 'finished' },
      consumers: [],
      versions: [
        { id: modelId, name: `model-${runId}`, type: 'model', direction: 'output', version: 'v1', aliases: ['latest', 'best'], createdAt: endedAt },
        { id: `model-${runId}:v0`, name: `model-${runId}`, type: 'model', direction: 'output', version: 'v0', aliases: [], createdAt: startedAt + 360_000 },
      ],
    },
  ];
  return {
    artifacts,
    files: { [datasetVersions[0].id]: contents(dataSpecs, datasetCreated), [modelId]: contents(modelSpecs, endedAt) },
  };
}

const CLASSES: Record<number, string> = { 0: 'cat', 1: 'dog', 2: 'car', 3: 'person' };

export interface SampleMedia {
  items: MediaItem[];
  /** The PNG files behind the items, for the run's file tree (`media/images/...`). */
  files: { path: string; bytes: Uint8Array }[];
}

/** Two image keys logged every `every` steps, three images each; `predictions` carries boxes. */
export function sampleMedia(rnd: Random, steps: number, every: number): SampleMedia {
  const items: MediaItem[] = [];
  const files: SampleMedia['files'] = [];
  for (let step = every; step < steps; step += every) {
    for (const key of ['samples', 'predictions']) {
      for (let index = 0; index < 3; index++) {
        const bytes = samplePng(rnd);
        const path = `media/images/${key}_${step}_${index}.png`;
        files.push({ path, bytes });
        const item: MediaItem = { key, step, index, kind: 'image', url: dataUrl('image/png', bytes), width: 32, height: 32, caption: `${key} ${index} @ step ${step}` };
        if (key === 'predictions') {
          const boxes: BoundingBox[] = [];
          for (let b = 0; b < 2; b++) {
            const minX = rnd.next() * 0.6;
            const minY = rnd.next() * 0.6;
            const classId = rnd.int(0, 3);
            boxes.push({ minX, minY, maxX: minX + 0.2 + rnd.next() * 0.2, maxY: minY + 0.2 + rnd.next() * 0.2, classId, score: 0.5 + rnd.next() * 0.5, caption: CLASSES[classId] });
          }
          item.boxes = boxes;
          item.classes = { ...CLASSES };
        }
        items.push(item);
      }
    }
  }
  return { items, files };
}
