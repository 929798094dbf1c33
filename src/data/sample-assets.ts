/** The model graph, artifacts and media of a generated run. */
import type { ArtifactDetail, BoundingBox, FileEntry, MediaItem, ModelGraph, ModelLayer } from './source.js';
import type { MemoryFile } from './memory-files.js';
import type { Random } from './random.js';
import { dataUrl } from './png.js';
import { samplePng } from './sample-files.js';

const linear = (inp: number, out: number, bias = true): number => inp * out + (bias ? out : 0);

/**
 * A small GPT-style transformer. `params` are each module's own parameters, so the sum over all
 * layers is the model's total (tests check it adds up).
 */
export function sampleModel(blocks = 4, dim = 256, vocab = 8000, context = 512): ModelGraph {
  const layers: ModelLayer[] = [];
  const add = (
    id: string,
    type: string,
    params: number,
    outputShape?: string,
    extra: Partial<ModelLayer> = {},
  ): void => {
    const dot = id.lastIndexOf('.');
    const layer: ModelLayer = { id, name: dot < 0 ? id : id.slice(dot + 1), type, params, ...extra };
    if (dot >= 0) layer.parent = id.slice(0, dot);
    if (outputShape) layer.outputShape = outputShape;
    layers.push(layer);
  };
  const seq = `[B, ${context}, ${dim}]`;
  add('gpt', 'GPT', 0, `[B, ${context}, ${vocab}]`, { inputShape: `[B, ${context}]` });
  add('gpt.tok_embed', 'Embedding', vocab * dim, seq);
  add('gpt.pos_embed', 'Embedding', context * dim, seq, { trainableParams: 0 });
  add('gpt.drop', 'Dropout', 0, seq);
  add('gpt.blocks', 'ModuleList', 0);
  for (let b = 0; b < blocks; b++) {
    const p = `gpt.blocks.${b}`;
    add(p, 'Block', 0, seq);
    add(`${p}.ln_1`, 'LayerNorm', 2 * dim, seq);
    add(`${p}.attn`, 'CausalSelfAttention', 0, seq);
    add(`${p}.attn.c_attn`, 'Linear', linear(dim, 3 * dim), `[B, ${context}, ${3 * dim}]`);
    add(`${p}.attn.c_proj`, 'Linear', linear(dim, dim), seq);
    add(`${p}.attn.attn_dropout`, 'Dropout', 0);
    add(`${p}.ln_2`, 'LayerNorm', 2 * dim, seq);
    add(`${p}.mlp`, 'MLP', 0, seq);
    add(`${p}.mlp.c_fc`, 'Linear', linear(dim, 4 * dim), `[B, ${context}, ${4 * dim}]`);
    add(`${p}.mlp.gelu`, 'GELU', 0, `[B, ${context}, ${4 * dim}]`);
    add(`${p}.mlp.c_proj`, 'Linear', linear(4 * dim, dim), seq);
  }
  add('gpt.ln_f', 'LayerNorm', 2 * dim, seq);
  add('gpt.lm_head', 'Linear', linear(dim, vocab, false), `[B, ${context}, ${vocab}]`);
  return { format: 'pytorch', name: 'GPT', layers };
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
    ...Array.from({ length: 8 }, (_, i) => ({
      path: `train/shard-${String(i).padStart(4, '0')}.tar`,
      size: rnd.int(240_000_000, 260_000_000),
    })),
    { path: 'val/shard-0000.tar', size: rnd.int(45_000_000, 50_000_000) },
    {
      path: 'classes.json',
      text: JSON.stringify(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [i, `class_${i}`])), null, 2),
    },
    {
      path: 'README.md',
      text: '# imagenet-subset\n\n100 ImageNet-1k classes, 1,280 training and 50 validation images each, resized to 224 px.\n',
    },
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
    { path: 'config.yaml', text: 'model: gpt-small\nblocks: 4\ndim: 256\nheads: 8\nvocab: 8000\ncontext: 512\n' },
    {
      path: 'tokenizer/vocab.json',
      text: JSON.stringify({ '<pad>': 0, '<bos>': 1, '<eos>': 2, the: 3, a: 4 }, null, 2),
    },
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
      consumers: [
        { id: runId, state: 'finished' },
        { id: 'eval-9d1c0b', name: 'eval-sweep-3', state: 'finished' },
      ],
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
      metadata: {
        'val/accuracy': 0.871,
        epoch: 10,
        framework: 'pytorch',
        parameters: sampleModel().layers.reduce((sum, l) => sum + l.params, 0),
      },
      files: modelFiles,
      producer: { id: runId, state: 'finished' },
      consumers: [],
      versions: [
        {
          id: modelId,
          name: `model-${runId}`,
          type: 'model',
          direction: 'output',
          version: 'v1',
          aliases: ['latest', 'best'],
          createdAt: endedAt,
        },
        {
          id: `model-${runId}:v0`,
          name: `model-${runId}`,
          type: 'model',
          direction: 'output',
          version: 'v0',
          aliases: [],
          createdAt: startedAt + 360_000,
        },
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
        const item: MediaItem = {
          key,
          step,
          index,
          kind: 'image',
          url: dataUrl('image/png', bytes),
          width: 32,
          height: 32,
          caption: `${key} ${index} @ step ${step}`,
        };
        if (key === 'predictions') {
          const boxes: BoundingBox[] = [];
          for (let b = 0; b < 2; b++) {
            const minX = rnd.next() * 0.6;
            const minY = rnd.next() * 0.6;
            const classId = rnd.int(0, 3);
            boxes.push({
              minX,
              minY,
              maxX: minX + 0.2 + rnd.next() * 0.2,
              maxY: minY + 0.2 + rnd.next() * 0.2,
              classId,
              score: 0.5 + rnd.next() * 0.5,
              caption: CLASSES[classId],
            });
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
