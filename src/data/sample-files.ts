/** Files of a generated run: W&B's usual run files, images, checkpoints and optional extras. */
import type { JsonObject, JsonValue, RunInfo } from './source.js';
import type { MemoryFile } from './memory-files.js';
import type { MemoryLogLine } from './memory-logs.js';
import type { Random } from './random.js';
import { dataUrl, encodePng } from './png.js';

/** A small YAML writer for JSON values (enough for config.yaml). */
export function toYaml(value: JsonValue, indent = 0): string {
  const pad = ' '.repeat(indent);
  const scalar = (v: JsonValue): string => {
    if (v === null) return 'null';
    if (typeof v === 'string')
      return /^[\w./-]+$/.test(v) && !/^(true|false|null|[\d.eE+-]+)$/.test(v) ? v : JSON.stringify(v);
    return String(v);
  };
  if (Array.isArray(value)) {
    if (value.length === 0) return `${pad}[]\n`;
    return value
      .map((v) =>
        v !== null && typeof v === 'object' ? `${pad}-\n${toYaml(v, indent + 2)}` : `${pad}- ${scalar(v)}\n`,
      )
      .join('');
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .map(([k, v]) =>
        v !== null && typeof v === 'object' && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0)
          ? `${pad}${k}:\n${toYaml(v, indent + 2)}`
          : `${pad}${k}: ${Array.isArray(v) ? '[]' : v !== null && typeof v === 'object' ? '{}' : scalar(v)}\n`,
      )
      .join('');
  }
  return `${pad}${scalar(value)}\n`;
}

/** W&B's config.yaml layout: every top-level key wrapped in `{desc, value}`. */
export function wandbConfigYaml(config: JsonObject): string {
  const wrapped: JsonObject = { wandb_version: 1 };
  for (const [k, v] of Object.entries(config)) wrapped[k] = { desc: null, value: v };
  return toYaml(wrapped);
}

export const SAMPLE_DIFF = `diff --git a/src/train.py b/src/train.py
index 3f2a9c1..8b7d4e0 100644
--- a/src/train.py
+++ b/src/train.py
@@ -118,13 +118,17 @@ def train_one_epoch(model, loader, optimizer, scheduler, scaler, cfg):
     for step, (images, labels) in enumerate(loader):
         images = images.cuda(non_blocking=True)
         labels = labels.cuda(non_blocking=True)
-        with torch.autocast("cuda", dtype=torch.float16):
+        with torch.autocast("cuda", dtype=torch.bfloat16):
             logits = model(images)
             loss = criterion(logits, labels)
         optimizer.zero_grad(set_to_none=True)
         scaler.scale(loss).backward()
+        scaler.unscale_(optimizer)
+        grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.optimizer.clip)
         scaler.step(optimizer)
         scaler.update()
         scheduler.step()
-        wandb.log({"train/loss": loss.item()})
+        wandb.log({"train/loss": loss.item(), "train/grad_norm": grad_norm.item(),
+                   "train/lr": scheduler.get_last_lr()[0]})
 
diff --git a/configs/vit_small.yaml b/configs/vit_small.yaml
index 51c0e22..a94b7f3 100644
--- a/configs/vit_small.yaml
+++ b/configs/vit_small.yaml
@@ -4,7 +4,7 @@ model:
   depth: 12
   heads: 6
 optimizer:
-  lr: 1.0e-3
+  lr: 3.0e-4
   weight_decay: 0.05
   betas: [0.9, 0.999]
`;

const REQUIREMENTS = `torch==2.3.1
torchvision==0.18.1
timm==1.0.7
wandb==0.17.4
numpy==1.26.4
pillow==10.3.0
pyyaml==6.0.1
einops==0.8.0
`;

/** A small synthetic image: a colour gradient with a few blobs, as a PNG. */
export function samplePng(rnd: Random, width = 32, height = 32): Uint8Array {
  const rgba = new Uint8Array(width * height * 4);
  const hue = rnd.next();
  const blobs = Array.from({ length: 3 }, () => ({
    x: rnd.next() * width,
    y: rnd.next() * height,
    r: 3 + rnd.next() * 6,
  }));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      let light = 0;
      for (const b of blobs) if ((x - b.x) ** 2 + (y - b.y) ** 2 < b.r ** 2) light = 1;
      rgba[i] = Math.round(255 * ((hue + x / width / 2) % 1) * (light ? 1 : 0.6));
      rgba[i + 1] = Math.round(255 * (y / height) * (light ? 1 : 0.5));
      rgba[i + 2] = Math.round(255 * (1 - hue) * (light ? 0.4 : 0.8));
      rgba[i + 3] = 255;
    }
  }
  return encodePng(width, height, rgba);
}

export interface SampleFilesInput {
  info: RunInfo;
  logs: MemoryLogLine[];
  /** Image files to include, path → bytes. */
  images: { path: string; bytes: Uint8Array }[];
  extra: number;
  endedAt: number;
}

export function sampleFiles(rnd: Random, input: SampleFilesInput): MemoryFile[] {
  const { info, logs, images, extra, endedAt } = input;
  const t = info.startedAt ?? 0;
  const files: MemoryFile[] = [
    { path: 'config.yaml', bytes: wandbConfigYaml(info.config ?? {}), modified: t + 2000 },
    { path: 'requirements.txt', bytes: REQUIREMENTS, modified: t + 2000 },
    { path: 'diff.patch', bytes: SAMPLE_DIFF, modified: t + 2000 },
    { path: 'output.log', bytes: logs.map((l) => l.text).join('\n') + '\n', modified: endedAt },
    {
      path: 'wandb-metadata.json',
      bytes: JSON.stringify(
        {
          os: info.os,
          python: info.python?.version,
          host: info.host,
          program: info.command?.program,
          args: info.command?.args,
          git: { remote: info.git?.remote, commit: info.git?.commit },
          gpu: info.hardware?.gpus?.[0]?.name,
          gpu_count: info.hardware?.gpus?.length,
          cpu_count: info.hardware?.cpuCount,
          startedAt: new Date(t).toISOString(),
        },
        null,
        2,
      ),
      modified: t + 1000,
    },
    { path: 'wandb-summary.json', bytes: JSON.stringify(info.summary ?? {}, null, 2), modified: endedAt },
    { path: 'checkpoints/epoch_005.pt', size: 87_312_448, modified: t + 360_000 },
    { path: 'checkpoints/epoch_010.pt', size: 87_312_448, modified: endedAt - 5000 },
    { path: 'checkpoints/best.pt', size: 87_312_448, modified: endedAt - 5000 },
    { path: 'code/', modified: t },
  ];
  for (const img of images)
    files.push({ path: img.path, bytes: img.bytes, url: dataUrl('image/png', img.bytes), modified: endedAt });
  for (let i = 0; i < extra; i++) {
    const dir = ['artifacts/eval', 'artifacts/predictions', 'notes'][i % 3];
    files.push({
      path: `${dir}/extra_${String(i).padStart(4, '0')}.txt`,
      bytes: `extra file ${i}\nvalue=${rnd.next().toFixed(6)}\n`,
      modified: t + i * 1000,
    });
  }
  return files;
}
