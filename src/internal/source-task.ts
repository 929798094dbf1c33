import { Task, type TaskConfig } from '@lit/task';
import type { ReactiveControllerHost } from 'lit';

/**
 * A `@lit/task` Task that also aborts its request when the host leaves the DOM (Task does not),
 * and runs again when the host comes back if that left it unfinished.
 */
export class SourceTask<const A extends readonly unknown[], R> extends Task<A, R> {
  private abortedByDisconnect = false;

  constructor(host: ReactiveControllerHost, config: TaskConfig<A, R>) {
    super(host, config);
    host.addController({
      hostDisconnected: () => {
        if (this.status === 1 /* PENDING */) {
          this.abortedByDisconnect = true;
          this.abort();
        }
      },
      hostConnected: () => {
        if (this.abortedByDisconnect) {
          this.abortedByDisconnect = false;
          void this.run();
        }
      },
    });
  }
}
