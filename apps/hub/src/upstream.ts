import { createHash } from "node:crypto";
import {
  applyReference,
  bulkCatchUp,
  type Db,
  DISTRICT_BULK,
  DISTRICT_LINK,
  type DistrictLink,
  type FileBlobStore,
  getMeta,
  handBlobsToDistrict,
  LibsqlAuditSource,
  LibsqlStationAudit,
  LibsqlStationBlobs,
  type ReferenceData,
  setMeta,
  streetDirectory,
} from "@bangban/db";
import { WorkCalendar } from "@bangban/domain";
import {
  type CaseRepo,
  type ComplaintBook,
  HttpSyncTransport,
  type HttpTransportOptions,
  PROTOCOL_VERSION,
  type PushComplaintsRequest,
  SyncError,
  SyncService,
} from "@bangban/sync";

/**
 * A street hub's link to its district (DESIGN.md "district node"): the station's sync loop one
 * level up. The street pushes every change authored under its code — its stations' and its
 * own — pulls the cases in its street's scope (跨街道通办 brings cases of other streets), then
 * takes the district's 事项清单, site tree and calendar, and reports its staff and its
 * stations' freshness when either changed. Cursors live in the hub's own meta table under their own names.
 */
export interface UpstreamDeps {
  db: Db;
  repo: CaseRepo;
  site: string;
  actorId: string;
  clock: () => Date;
  intervalMs: number;
  pushBatch: number;
  /** The street's complaints: they go up to the district, without the complainant. */
  complaints?: ComplaintBook;
  /**
   * The street's blob directory: the scans its stations and center took go up to the district
   * (sealed there as here), and the scans of cases transferred in from another street come down.
   */
  blobs?: FileBlobStore;
  /**
   * A first link with at least this many changes to send sends the history in bulk frames
   * first (SPEC.md "Bulk catch-up"); absent: never.
   */
  bulkFrom?: number;
  /** A new calendar from the district: put in force at once (open cases re-projected). */
  onCalendar: (calendar: WorkCalendar) => void;
  fetch?: HttpTransportOptions["fetch"];
}

/**
 * The street's transport to its district. Complaints go up for the district's figures and
 * ledger, but the complainant stays at the street (DOMAIN: only the center handler sees who
 * complained): the district gets every complaint with none.
 */
class DistrictTransport extends HttpSyncTransport {
  override pushComplaints(req: PushComplaintsRequest) {
    return super.pushComplaints({
      ...req,
      complaints: req.complaints.map((c) => ({ ...c, complainant: null })),
    });
  }
}

/**
 * The street's complaint pull cursor at its district. Named for the district's complaint scope
 * (SPEC.md "The district tier"): since it reaches complaints registered at another street about
 * this street's sites, a street upgraded from the narrower rule pulls its scope from the start
 * once — the complaints the district held already come down; the rest merge as no-ops.
 */
const DISTRICT_COMPLAINT_PULL_CURSOR = "district-complaints-pull-street-scope";

export function createUpstream(d: UpstreamDeps, link: DistrictLink): SyncService {
  const transport = new DistrictTransport({
    hubUrl: link.url,
    credential: link.credential,
    ...(d.fetch ? { fetch: d.fetch } : {}),
  });
  const takeReference = async () => {
    const known = (await getMeta(d.db, DISTRICT_LINK.reference)) ?? "";
    const r = await transport.reference({ protocol: PROTOCOL_VERSION, known });
    if (r.data) {
      const data = r.data as ReferenceData;
      await applyReference(d.db, data);
      if (data.calendar) d.onCalendar(new WorkCalendar(data.calendar));
      await setMeta(d.db, DISTRICT_LINK.reference, r.version);
    }
  };
  return new SyncService({
    repo: d.repo,
    store: d.repo.store,
    actorId: d.actorId,
    ownPrefix: d.site,
    transport,
    ...(d.complaints
      ? { complaints: d.complaints, complaintPullCursor: DISTRICT_COMPLAINT_PULL_CURSOR }
      : {}),
    ...(d.blobs ? { blobs: new LibsqlStationBlobs(d.db, d.blobs, d.site, d.clock) } : {}),
    // The street's own audit log goes up first, then each station's chain exactly as it synced
    // up here, each from its own cursor, for the district to verify end to end. The own log's
    // rows name the sites they concern (a station's push, the district's administrator): the
    // district keeps them so under the street's chain (SPEC.md "The district tier").
    audit: new LibsqlAuditSource(d.db),
    relayAudit: new LibsqlStationAudit(d.db),
    intervalMs: d.intervalMs,
    now: d.clock,
    pushLimit: { maxChanges: d.pushBatch, maxBytes: 1024 * 1024 },
    // The staff first: the district judges the cases by them (a new colleague's first case).
    beforeRound: async () => {
      // Sent when the staff changed or a station's last exchange moved to another minute:
      // freshness to the minute is what the district's screen shows.
      const report = await streetDirectory(d.db, d.site, d.clock().toISOString());
      const minute = (t: string | null) => t?.slice(0, 16) ?? null;
      const seen = report.stations.map((s) => [
        s.siteId,
        minute(s.lastPushAt),
        minute(s.lastPullAt),
      ]);
      const hash = createHash("sha256")
        // A new local 事项 version is sent before the cases taken under it.
        .update(
          JSON.stringify(report.items ? [report.staff, seen, report.items] : [report.staff, seen]),
        )
        .digest("hex");
      if (hash !== (await getMeta(d.db, DISTRICT_LINK.directory))) {
        const sent = await transport.pushDirectory(report).catch(async (e: unknown) => {
          // Refused, perhaps by an allowance the street has not heard of yet (local 事项 the
          // district no longer allows): take the reference now, so the next round reports by
          // it instead of failing for ever.
          if (e instanceof SyncError) await takeReference();
          throw e;
        });
        if (sent !== null) await setMeta(d.db, DISTRICT_LINK.directory, hash);
      }
      // A long history on a first link goes up in bulk before the change-by-change push.
      if (d.bulkFrom !== undefined) {
        await bulkCatchUp(
          {
            db: d.db,
            store: d.repo.store,
            own: { actorPrefix: d.site },
            keys: DISTRICT_BULK,
            from: d.bulkFrom,
          },
          transport,
        );
      }
    },
    afterRound: takeReference,
  });
}

/**
 * Exchanges a one-time code from the district for this street's credential and stores the
 * link. Refuses when the hub is already linked or the code is for another site.
 */
export async function enrolWithDistrict(
  d: Pick<UpstreamDeps, "db" | "site" | "actorId" | "fetch">,
  url: string,
  code: string,
): Promise<DistrictLink> {
  if (await getMeta(d.db, DISTRICT_LINK.credential)) {
    throw new Error("this street hub is already enrolled with its district");
  }
  const transport = new HttpSyncTransport({
    hubUrl: url,
    credential: null,
    ...(d.fetch ? { fetch: d.fetch } : {}),
  });
  const r = await transport.enrol({ protocol: PROTOCOL_VERSION, code, actorIds: [d.actorId] });
  if (r.siteId !== d.site) {
    throw new Error(`the code is for site ${r.siteId}, but this hub is ${d.site}`);
  }
  // Before the credential that makes the link: a crash between the two leaves an unlinked
  // street that enrols again, never a linked one whose earlier scans stay behind.
  await handBlobsToDistrict(d.db);
  await setMeta(d.db, DISTRICT_LINK.url, url);
  await setMeta(d.db, DISTRICT_LINK.siteId, r.hubSiteId);
  await setMeta(d.db, DISTRICT_LINK.credential, r.credential);
  return { url, credential: r.credential, districtId: r.hubSiteId };
}
