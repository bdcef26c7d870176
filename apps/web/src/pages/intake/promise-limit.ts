import { WorkCalendar } from "@bangban/domain";

let calendar: WorkCalendar | null | undefined;

/**
 * The last day a 容缺 promise may name: `promisedDays` working days after today (DOMAIN §4).
 * A hint for the date picker only; the station checks again with its own calendar. Null when
 * this browser cannot use the holiday table (a time zone west of UTC).
 */
export function latestPromiseDate(today: string, promisedDays: number): string | null {
  if (calendar === undefined) {
    try {
      calendar = new WorkCalendar();
    } catch {
      calendar = null;
    }
  }
  if (!calendar || promisedDays <= 0) return null;
  return calendar.addWorkdays(today, promisedDays).date;
}
