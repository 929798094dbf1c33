import { createContext } from '@lit/context';
import type { RunSource } from '../data/source.js';

/** What `<run-source>` and `<run-page>` provide to every runpage element inside them. */
export interface RunContextValue {
  source?: RunSource;
  runId?: string;
  /** Set while the provider is still loading its `src`, or when that failed. */
  pending?: Promise<RunSource>;
  error?: unknown;
  /** Loads the provider's `src` again after `error` (the retry button of every element inside). */
  retry?: () => void;
}

export const runContext = createContext<RunContextValue | undefined>(Symbol.for('runpage-run-context'));
