/** How an HttpSource talks to its server (http-source.ts); its client (http-client.ts) reads them too. */
export interface HttpSourceOptions {
  /** The run `defaultRunId()` names (an element with no `run` attribute shows it). */
  runId?: string;
  /** Headers sent with every request (an auth token, say). */
  headers?: Record<string, string>;
  /** The fetch to use; default the global one. */
  fetch?: typeof fetch;
  /** Live stream reconnection: first delay and cap, in ms (default 500 and 15,000), doubling in between. */
  reconnectDelayMs?: number;
  maxReconnectDelayMs?: number;
  /** How often `watchRuns` lists the runs again on a server without the listing stream, in ms. Default 30,000. */
  listingPollMs?: number;
}
