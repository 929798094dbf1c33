/**
 * wandb-metadata.json hardware in the shape of each SDK generation. The shapes follow what the
 * writers produce: SDK ≤ 0.17's Python system monitor (`memory.total` in GiB as a float,
 * `gpu_devices[].memory_total` in bytes), 0.18+'s Go core through protojson (64-bit integers as
 * decimal strings, `gpu_nvidia[].memoryTotal`), and 0.12 (only `gpu` and `gpu_count`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMetadataJson } from '../../../../src/formats/wandb/files.js';
import { gpuMemoryBytes, memoryTotalBytes } from '../../../../src/formats/wandb/metadata-hardware.js';
import { readWandbRun } from '../../../../src/formats/wandb/reader.js';
import { memoryFolder } from './helpers.js';

const GIB = 2 ** 30;

test('memory.total: GiB floats, byte numbers and byte strings all give bytes', () => {
  // SDK 0.15–0.17: psutil total / 1024**3 (a 503.7 GiB machine once showed as "503 B").
  assert.equal(memoryTotalBytes(503.7366981506348), Math.round(503.7366981506348 * GIB));
  assert.equal(memoryTotalBytes(16.0), 16 * GIB);
  assert.equal(memoryTotalBytes(0.5), GIB / 2);
  // 0.18+: protojson uint64 as a string.
  assert.equal(memoryTotalBytes('540914028544'), 540914028544);
  // A writer that gives bytes as a number.
  assert.equal(memoryTotalBytes(68719476736), 68719476736);
  for (const bad of [undefined, null, '', 'lots', -1, 0, NaN, Infinity, '12 GB', {}]) {
    assert.equal(memoryTotalBytes(bad), undefined, String(bad));
  }
  assert.equal(gpuMemoryBytes('85899345920'), 85899345920);
  assert.equal(gpuMemoryBytes(15843721216), 15843721216);
  assert.equal(gpuMemoryBytes(16), undefined, 'too small to be bytes: not guessed');
});

test('SDK 0.15–0.17 metadata: GiB memory, gpu_devices with byte counts', () => {
  const meta = {
    cpu_count: 32,
    cpu_count_logical: 64,
    gpu: 'NVIDIA A100-SXM4-40GB',
    gpu_count: 2,
    gpu_devices: [
      { name: 'NVIDIA A100-SXM4-40GB', memory_total: 42949672960 },
      { name: 'NVIDIA A100-SXM4-40GB', memory_total: 42949672960 },
    ],
    memory: { total: 503.7366981506348 },
    disk: { '/': { total: 1967.4, used: 1200.1 } },
  };
  const hw = parseMetadataJson(JSON.stringify(meta)).value.hardware!;
  assert.equal(hw.memoryBytes, Math.round(503.7366981506348 * GIB));
  assert.deepEqual(hw.gpus, [
    { name: 'NVIDIA A100-SXM4-40GB', memoryBytes: 42949672960 },
    { name: 'NVIDIA A100-SXM4-40GB', memoryBytes: 42949672960 },
  ]);
  assert.equal(hw.cpuCount, 32);
  assert.equal(hw.cpuCountLogical, 64);
  assert.equal(hw.acceleratorCount, 2);
});

test('SDK 0.19+ metadata: byte strings, gpu_nvidia memoryTotal, cpu block, Apple silicon', () => {
  const meta = {
    cpu_count: 64,
    cpu_count_logical: 128,
    gpu: 'NVIDIA H100 80GB HBM3',
    gpu_count: 1,
    memory: { total: '2164175446016' },
    cpu: { count: 64, countLogical: 128 },
    gpu_nvidia: [
      { name: 'NVIDIA H100 80GB HBM3', memoryTotal: '85520809984', cudaCores: 16896, architecture: 'Hopper' },
    ],
    cudaVersion: '12.4',
  };
  const hw = parseMetadataJson(JSON.stringify(meta)).value.hardware!;
  assert.equal(hw.memoryBytes, 2164175446016);
  assert.deepEqual(hw.gpus, [{ name: 'NVIDIA H100 80GB HBM3', memoryBytes: 85520809984 }]);
  assert.equal(hw.cudaVersion, '12.4');

  const onlyCpuBlock = parseMetadataJson(JSON.stringify({ cpu: { count: 8, countLogical: 16 } })).value.hardware!;
  assert.equal(onlyCpuBlock.cpuCount, 8);
  assert.equal(onlyCpuBlock.cpuCountLogical, 16);

  const mac = parseMetadataJson(
    JSON.stringify({
      apple: { name: 'Apple M1', ecpuCores: 4, pcpuCores: 4, gpuCores: 8, memoryGb: 8, ramTotalBytes: '8589934592' },
    }),
  ).value.hardware!;
  assert.equal(mac.memoryBytes, 8589934592);
  assert.equal(mac.cpu, 'Apple M1');
  const macGbOnly = parseMetadataJson(JSON.stringify({ apple: { name: 'Apple M2', memoryGb: 16 } })).value.hardware!;
  assert.equal(macGbOnly.memoryBytes, 16 * GIB);
});

test('SDK 0.12 metadata: a GPU name and count only; unusable sizes are left out, never shown wrong', () => {
  const hw = parseMetadataJson(JSON.stringify({ gpu: 'Tesla T4', gpu_count: 1, cpu_count: 4, cuda: '11.0.228' })).value
    .hardware!;
  assert.deepEqual(hw.gpus, [{ name: 'Tesla T4' }]);
  assert.equal(hw.memoryBytes, undefined);
  assert.equal(hw.cudaVersion, '11.0.228');
  const odd = parseMetadataJson(
    JSON.stringify({ memory: { total: 'unknown' }, gpu_nvidia: [{ name: 'X', memoryTotal: '16' }] }),
  ).value.hardware!;
  assert.equal(odd.memoryBytes, undefined);
  assert.deepEqual(odd.gpus, [{ name: 'X' }]);
});

test('the reader shows a 0.17 run read from files/ with its memory in bytes', async () => {
  const run = await readWandbRun(
    memoryFolder({ 'files/wandb-metadata.json': JSON.stringify({ memory: { total: 503.7366981506348 } }) }),
    { folderName: 'run-20240102_030405-mem1', now: Date.UTC(2030, 0, 1) },
  );
  assert.equal(run.info.hardware?.memoryBytes, Math.round(503.7366981506348 * GIB));
});
