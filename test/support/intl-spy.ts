/**
 * Counts how often code under test reaches for Intl's number formatting (a new
 * `Intl.NumberFormat`, or `Number.prototype.toLocaleString`, which makes one), for the tests that
 * English numbers are written without it.
 */
export interface IntlSpy {
  /** Calls seen since the spy was made. */
  readonly calls: number;
  /** Puts the real ones back. */
  restore(): void;
}

export function spyOnIntlNumbers(): IntlSpy {
  const RealFormat = Intl.NumberFormat;
  const realToLocale = Number.prototype.toLocaleString;
  let calls = 0;
  Intl.NumberFormat = function (...args: ConstructorParameters<typeof RealFormat>) {
    calls++;
    return new RealFormat(...args);
  } as unknown as typeof RealFormat;
  Number.prototype.toLocaleString = function (this: number, ...args: Parameters<typeof realToLocale>) {
    calls++;
    return realToLocale.apply(this, args);
  };
  return {
    get calls() {
      return calls;
    },
    restore() {
      Intl.NumberFormat = RealFormat;
      Number.prototype.toLocaleString = realToLocale;
    },
  };
}
