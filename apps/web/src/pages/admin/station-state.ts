import type { MessageKey } from "../../i18n/zh";

interface Station {
  enrolled: boolean;
  active: boolean;
  lastSeenAt: string | null;
}

/** A station's credential and link in one tag: not enrolled, revoked, silent, or in touch. */
export function stationState(s: Station, now: string): { label: MessageKey; colour: string } {
  if (!s.enrolled) return { label: "enrolment.state.notEnrolled", colour: "default" };
  if (!s.active) return { label: "enrolment.state.revoked", colour: "error" };
  if (!s.lastSeenAt) return { label: "enrolment.state.neverSeen", colour: "warning" };
  const hours = (Date.parse(now) - Date.parse(s.lastSeenAt)) / 3600_000;
  return hours < 1
    ? { label: "enrolment.state.online", colour: "success" }
    : { label: "enrolment.state.silent", colour: "warning" };
}
