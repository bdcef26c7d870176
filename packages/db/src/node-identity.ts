import { createHmac, randomBytes } from "node:crypto";
import { WorkCalendar } from "@bangban/domain";
import type { Db } from "./client";
import { getCalendarOverrides } from "./queries/calendar";
import { getMeta, setMeta } from "./queries/meta";

/**
 * This node's Automerge actor id: the site code (digits are valid hex) padded to 16, then 16
 * random hex digits minted once and kept in the database. The hub can tell from an actor id
 * which site made a change; a replacement PC gets a new one.
 */
export async function nodeActorId(db: Db, site: string): Promise<string> {
  const existing = await getMeta(db, "actorId");
  if (existing) return existing;
  const actor = `${site.padEnd(16, "0")}${randomBytes(8).toString("hex")}`;
  await setMeta(db, "actorId", actor);
  return actor;
}

/** The working-day calendar with the override table the hub distributes (if any). */
export async function nodeCalendar(db: Db): Promise<WorkCalendar> {
  const stored = await getCalendarOverrides(db);
  return new WorkCalendar(stored.overrides ?? undefined);
}

/** The keyed hash used to find a resident by ID number without storing the number in a list. */
export function idNumberHasher(key: string): (idNumber: string) => string {
  return (id) => createHmac("sha256", key).update(id).digest("hex");
}
