/**
 * What the boundary (`checked-source.ts`) had to do to an answer to make it fit the contract:
 * values it left out and values it converted, counted per kind of problem. One `Repairs` is
 * filled per answer; the element that asked gets it and tells the user.
 */

/** One kind of problem in one answer: "getLogs: log lines that are not objects" × 3. */
export interface Repair {
  /** The source method the answer came from (`getLogs`, `watch`…). */
  method: string;
  /** What was wrong, in a few English words (`log lines that are not objects`). */
  what: string;
  /** `dropped`: left out; `converted`: kept after a change of type or shape. */
  action: 'dropped' | 'converted';
  count: number;
}

/** Where a checked source tells what it had to repair. */
export interface ReadReport {
  /**
   * The answer to `request` (method and arguments) needed `repairs`. A later answer to the same
   * request replaces them; live events (`request` is `watch` or `watchRuns`) add up.
   */
  repaired(request: string, repairs: Repair[]): void;
}

export class Repairs {
  private readonly byKey = new Map<string, Repair>();

  /** Why the whole answer could not be used, when a reader gave up on it: the error message. */
  unusable?: string;

  constructor(readonly method: string) {}

  /** The answer as a whole cannot be used, as `message` says; returns undefined for the reader to return. */
  invalid(message: string): undefined {
    this.unusable = message;
    return undefined;
  }

  /** `n` values were left out because of `what`. */
  dropped(what: string, n = 1): void {
    this.add(what, 'dropped', n);
  }

  /** `n` values were kept after conversion because of `what`. */
  converted(what: string, n = 1): void {
    this.add(what, 'converted', n);
  }

  get empty(): boolean {
    return this.byKey.size === 0;
  }

  get list(): Repair[] {
    return [...this.byKey.values()];
  }

  private add(what: string, action: Repair['action'], n: number): void {
    if (!(n > 0)) return;
    const key = `${action}\u0000${what}`;
    const r = this.byKey.get(key);
    if (r) r.count += n;
    else this.byKey.set(key, { method: this.method, what, action, count: n });
  }
}
