import type { Dayjs } from "dayjs";

/** The period picker's value: either end may be left open. */
export type DayRange = [Dayjs | null, Dayjs | null];

/** The period picker's days as a figures query's input (an open end is left out). */
export function periodOf(range: readonly [string | null, string | null] | null): {
  from?: string;
  to?: string;
} {
  const [from, to] = range ?? [null, null];
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** {@link periodOf} for the picker's dates, as local days (YYYY-MM-DD). */
export function periodOfRange(range: DayRange | null): { from?: string; to?: string } {
  const day = (d: Dayjs | null) => d?.format("YYYY-MM-DD") ?? null;
  return periodOf(range ? [day(range[0]), day(range[1])] : null);
}
