/** A served run's answers as plain values, to compare two reads of one run with deepEqual. */
import type { MemoryLogLine, MemoryLogs, MemoryRun } from '../../../../src/data/memory-source.js';

export function lines(logs: MemoryLogs | undefined): MemoryLogLine[] {
  if (!logs) return [];
  if (Array.isArray(logs)) return logs.map((l) => ({ ...l }));
  return Array.from({ length: logs.count }, (_, i) => logs.line(i));
}

/** Everything a run answers with, as plain values (columns as arrays, logs as lines). */
export function plain(run: MemoryRun) {
  return {
    info: run.info,
    metrics: (run.metrics ?? []).map((m) => ({
      key: m.key,
      group: m.group,
      step: Array.from(m.step),
      value: Array.from(m.value),
      time: m.time && Array.from(m.time),
      runtime: m.runtime && Array.from(m.runtime),
    })),
    logs: lines(run.logs).map((l) => {
      const out: MemoryLogLine = { text: l.text, stream: l.stream ?? 'stdout' };
      if (l.time !== undefined) out.time = l.time;
      if (l.label !== undefined) out.label = l.label;
      return out;
    }),
    files: run.files,
    artifacts: run.artifacts,
    media: run.media,
    model: run.model,
  };
}
