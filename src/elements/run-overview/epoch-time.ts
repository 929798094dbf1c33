/**
 * Which config and summary numbers are points in time, so the Overview can show them as dates too.
 *
 * The rule takes two facts, never one: the key names a time (`_timestamp`, `start_time`,
 * `createdAt`, `created_at`…) AND the value, read as seconds, milliseconds, microseconds or
 * nanoseconds since 1970, falls between 2000 and 2100. A big number under any other key is
 * not a date (`num_params: 1234567890` would read as 2009), and a time-named duration is not
 * one either (`epoch_time: 12.5`, `train_time: 3600` are far below the range).
 */

/** 2000-01-01T00:00:00Z and 2100-01-01T00:00:00Z in milliseconds. */
const FROM_MS = Date.UTC(2000, 0, 1);
const TO_MS = Date.UTC(2100, 0, 1);

/** Units an epoch count is written in (s, ms, µs, ns), as milliseconds per unit. Their ranges do not overlap. */
const MS_PER_UNIT: readonly number[] = [1000, 1, 1e-3, 1e-6];

/** `timestamp`, `*_timestamp`, `time`, `*_time`, `*_ts`, `*_date`, `*_at` in any case… */
const SNAKE_TIME_KEY = /timestamp$|(?:^|[_\-. ])(?:time|ts|date|datetime|at)$/i;
/** …and camelCase `*At`, `*Time`, `*Date`, `*Timestamp` (`createdAt`, but not `format`). */
const CAMEL_TIME_KEY = /[a-z0-9](?:At|Time|Date|Timestamp)$/;

export function isTimeKey(key: string): boolean {
  return SNAKE_TIME_KEY.test(key) || CAMEL_TIME_KEY.test(key);
}

/** The value as epoch milliseconds when `key` names a time and the value is a plausible date. */
export function epochMs(key: string, value: number): number | undefined {
  if (!Number.isFinite(value) || value <= 0 || !isTimeKey(key)) return undefined;
  for (const msPerUnit of MS_PER_UNIT) {
    const ms = value * msPerUnit;
    if (ms >= FROM_MS && ms < TO_MS) return ms;
  }
  return undefined;
}
