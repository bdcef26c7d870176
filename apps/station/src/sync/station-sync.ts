import type { NodeServices } from "@bangban/api";
import { applyReference, getMeta, type ReferenceData, setMeta } from "@bangban/db";
import { WorkCalendar } from "@bangban/domain";
import { PROTOCOL_VERSION, SyncService } from "@bangban/sync";
import { HttpSyncTransport } from "./transport";

export const META = {
  hubUrl: "hub:url",
  credential: "hub:credential",
  hubSiteId: "hub:siteId",
  reference: "reference:version",
} as const;

export interface HubLink {
  hubUrl: string;
  credential: string;
}

/** The hub this station is enrolled with, or null before enrolment. */
export async function hubLink(
  services: NodeServices,
  envHubUrl: string | null,
): Promise<HubLink | null> {
  const credential = await getMeta(services.db, META.credential);
  const hubUrl = envHubUrl ?? (await getMeta(services.db, META.hubUrl));
  return credential && hubUrl ? { hubUrl, credential } : null;
}

/**
 * Exchanges a one-time enrolment code at the hub for this station's credential and stores it.
 * Refuses if this station is already enrolled (re-enrolment is an administrator's job).
 */
export async function enrolStation(
  services: NodeServices,
  hubUrl: string,
  code: string,
  actorId: string,
) {
  if (await getMeta(services.db, META.credential))
    throw new Error("this station is already enrolled");
  const r = await new HttpSyncTransport(hubUrl, null).enrol({
    protocol: PROTOCOL_VERSION,
    code,
    actorIds: [actorId],
  });
  if (r.siteId !== services.site.id) {
    throw new Error(`the code is for site ${r.siteId}, but this station is ${services.site.id}`);
  }
  await setMeta(services.db, META.hubUrl, hubUrl);
  await setMeta(services.db, META.hubSiteId, r.hubSiteId);
  await setMeta(services.db, META.credential, r.credential);
  return r;
}

/** The station's sync service against its hub, with reference data applied after each round. */
export function createStationSync(
  services: NodeServices,
  link: HubLink,
  actorId: string,
  intervalMs: number,
  pushBatch: number,
) {
  const transport = new HttpSyncTransport(link.hubUrl, link.credential);
  return new SyncService({
    repo: services.repo,
    store: services.repo.store,
    actorId,
    transport,
    intervalMs,
    pushLimit: { maxChanges: pushBatch, maxBytes: 1024 * 1024 },
    afterRound: async () => {
      const known = (await getMeta(services.db, META.reference)) ?? "";
      const r = await transport.reference(known, PROTOCOL_VERSION);
      if (!r.data) return;
      const data = r.data as ReferenceData;
      await applyReference(services.db, data);
      if (data.calendar) services.calendar = new WorkCalendar(data.calendar);
      const own = data.sites.find((site) => site.id === services.site.id);
      if (own) services.site = { ...services.site, name: own.name, parentId: own.parentId };
      await setMeta(services.db, META.reference, r.version);
    },
  });
}
