import dayjs from "dayjs";

/** This browser's calendar day, `YYYY-MM-DD` (the station's PC runs on China time). */
export function localToday(): string {
  return dayjs().format("YYYY-MM-DD");
}
