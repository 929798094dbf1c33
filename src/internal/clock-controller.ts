import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The time now, advanced every `intervalMs` while `wanted()` says something on screen counts up
 * (a running run's runtime): the host updates once a tick, and no timer runs when nothing ticks.
 */
export class ClockController implements ReactiveController {
  now = Date.now();
  private timer?: ReturnType<typeof setInterval>;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly wanted: () => boolean,
    private readonly intervalMs = 1000,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.now = Date.now();
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.sync();
  }

  hostUpdated(): void {
    this.sync();
  }

  private sync(): void {
    const run = this.connected && this.wanted();
    if (run && this.timer === undefined) {
      this.timer = setInterval(() => {
        this.now = Date.now();
        this.host.requestUpdate();
      }, this.intervalMs);
    } else if (!run && this.timer !== undefined) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}
