/**
 * Downloading the whole log: through the source's own file URL when it has a safe one, otherwise
 * assembled window by window into a Blob (with progress, aborted when the element leaves the page).
 * `log-viewer-download` is dispatched first and can be cancelled to handle the download elsewhere.
 * The work itself (log-actions.ts) loads with the first download or copy.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbortError } from '../../data/errors.js';
import type { RunSource } from '../../data/source.js';
import { lazyImport } from '../../internal/lazy-import.js';
import type { GetLogs } from './log-export.js';

export type { LogViewerDownloadDetail } from './log-export.js';

/** Copying lines and downloading the log (log-actions.ts, log-export.ts) load with the first download or copy. */
export const logActionsCode = lazyImport(() => import('./log-actions.js'));

export class LogDownloadController implements ReactiveController {
  /** 0–100 while the log is being assembled. */
  progress?: number;
  private abort?: AbortController;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    /** A download that failed, with the reason. */
    private readonly onError: (reason: string) => void,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.abort?.abort();
  }

  /** Downloads `logFile` of the run (one download at a time). */
  async download(source: RunSource, getLogs: GetLogs, runId: string, logFile: string): Promise<void> {
    if (this.progress !== undefined) return;
    const controller = new AbortController();
    this.abort = controller;
    this.setProgress(0);
    try {
      const actions = logActionsCode.now ?? (await logActionsCode.load());
      if (!actions) throw logActionsCode.failed;
      if (controller.signal.aborted) return;
      const progress = (p: number): void => this.setProgress(p);
      await actions.downloadLog(this.host, source, getLogs, runId, logFile, progress, controller.signal);
    } catch (e) {
      if (!isAbortError(e)) this.onError(e instanceof Error ? e.message : String(e));
    } finally {
      this.setProgress(undefined);
      this.abort = undefined;
    }
  }

  private setProgress(p: number | undefined): void {
    this.progress = p;
    this.host.requestUpdate();
  }
}
