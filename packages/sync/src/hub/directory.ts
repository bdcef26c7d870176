import { isDeepStrictEqual } from "node:util";
import {
  isCenterCode,
  isStationCode,
  mayDefineItem,
  parseServiceItem,
  ROLES,
  type Role,
  type ServiceItem,
  type SiteKind,
} from "@bangban/domain";
import { z } from "zod";
import { SyncError } from "../protocol/errors";
import { checkProtocol } from "../protocol/refusals";
import type { StationIdentity } from "./accept-push";
import { speaksFor } from "./scope";

/**
 * `sync.pushDirectory` (street → district, SPEC.md "The district tier"): a street owns its
 * staff, so it tells its district who they are — the district judges the street's case pushes
 * by them — and how fresh each of its stations is, as the street saw it last. Sent whole when
 * it changed (it is small: a street has tens of staff and a handful of stations).
 */
export const DIRECTORY_LIMITS = { staff: 5_000, stations: 500, items: 2_000 } as const;

/** The roles a street's people hold, by the kind of their site (never the district's own). */
const STATION_ROLES: ReadonlySet<Role> = new Set(["helper", "station_lead"]);
const CENTER_ROLES: ReadonlySet<Role> = new Set([
  "front_desk",
  "reviewer",
  "approver",
  "center_lead",
]);

const isoOrNull = z.string().max(40).nullable();
export const pushDirectoryRequest = z.object({
  protocol: z.number().int(),
  /** When the street assembled it (the street's clock). */
  at: z.string().max(40),
  staff: z
    .array(
      z.object({
        id: z.string().min(1).max(64),
        name: z.string().min(1).max(64),
        role: z.enum(ROLES),
        siteId: z.string().min(6).max(12),
        active: z.boolean(),
      }),
    )
    .max(DIRECTORY_LIMITS.staff),
  stations: z
    .array(
      z.object({
        siteId: z.string().min(12).max(12),
        lastSeenAt: isoOrNull,
        lastPushAt: isoOrNull,
        lastPullAt: isoOrNull,
      }),
    )
    .max(DIRECTORY_LIMITS.stations),
  /**
   * The street's local 事项 (every version), where its district allows them: the district
   * judges the cases taken under them. Each is checked by the domain's item schema on arrival.
   * Absent from an older street (added without a bump: an older district strips it).
   */
  items: z.array(z.unknown()).max(DIRECTORY_LIMITS.items).optional(),
});
export type PushDirectoryRequest = z.infer<typeof pushDirectoryRequest>;
export type DirectoryStaff = PushDirectoryRequest["staff"][number];
export type StationFreshness = PushDirectoryRequest["stations"][number];
export interface PushDirectoryResponse {
  staff: number;
  stations: number;
}

/** Where the district keeps what its streets report (packages/db: district_staff, reported_sync). */
export interface DistrictDirectory {
  /** For each of these user ids held already: by which street, or `district` for its own accounts. */
  holders(userIds: readonly string[]): Promise<Map<string, string>>;
  /** Whether the district lets this street define local items (its site row). */
  localItemsAllowed(streetId: string): Promise<boolean>;
  /** Every version the district holds of these item codes. */
  itemVersions(codes: readonly string[]): Promise<ServiceItem[]>;
  /**
   * Replaces the street's report in one transaction (staff left out are kept, inactive) and
   * stores `newItems`, the local item versions the district did not hold yet.
   */
  replace(
    streetId: string,
    req: PushDirectoryRequest,
    newItems: readonly ServiceItem[],
  ): Promise<void>;
}

const refuse = (
  kind: "FORGED_ACTOR" | "ACTOR_ID_TAKEN" | "NOT_IN_SCOPE" | "HISTORY_REWRITTEN",
  zh: string,
  en: string,
) => new SyncError({ kind, zh, en });

/**
 * Checks a street's directory against the district's own tables before anything is stored:
 * only a street may send one; every person and station lies under that street and is a site
 * the district knows, with the kind it knows; no user id another street or the district holds.
 */
export async function acceptDirectory(
  street: StationIdentity,
  input: unknown,
  district: { directory: DistrictDirectory; siteKind: (siteId: string) => SiteKind | undefined },
): Promise<PushDirectoryResponse> {
  const parsed = pushDirectoryRequest.safeParse(input);
  if (!parsed.success) {
    throw new SyncError({
      kind: "MALFORMED_BATCH",
      zh: "人员目录格式不正确，已拒收",
      en: `Malformed directory: ${parsed.error.issues[0]?.path.join(".")}`,
    });
  }
  const req = parsed.data;
  checkProtocol(req.protocol);
  if (!isCenterCode(street.siteId)) {
    throw refuse("NOT_IN_SCOPE", "只有街道中心可以上报人员目录", `${street.siteId} is no street`);
  }
  for (const u of req.staff) {
    const kind = district.siteKind(u.siteId);
    const fits =
      kind === "station"
        ? STATION_ROLES.has(u.role)
        : kind === "center" && CENTER_ROLES.has(u.role);
    if (!speaksFor(street.siteId, u.siteId) || !fits) {
      throw refuse(
        "FORGED_ACTOR",
        `人员目录中的「${u.name}」不属于本街道的站点，已拒收`,
        `Staff ${u.id} at ${u.siteId} (${u.role}) is not the street's to report`,
      );
    }
  }
  const ids = req.staff.map((u) => u.id);
  if (new Set(ids).size !== ids.length) {
    throw refuse("ACTOR_ID_TAKEN", "人员目录中有重复的人员编号，已拒收", "Duplicate user id");
  }
  for (const [id, holder] of await district.directory.holders(ids)) {
    if (holder !== street.siteId) {
      throw refuse(
        "ACTOR_ID_TAKEN",
        "人员目录中的人员编号已属于其他街道或区级账号，已拒收",
        `User id ${id} is held by ${holder}`,
      );
    }
  }
  for (const s of req.stations) {
    if (!isStationCode(s.siteId) || !speaksFor(street.siteId, s.siteId)) {
      throw refuse(
        "FORGED_ACTOR",
        "同步状态中含有不属于本街道的站点，已拒收",
        `Station ${s.siteId} is not under ${street.siteId}`,
      );
    }
  }
  const newItems = await newLocalItems(street.siteId, req.items ?? [], district.directory);
  await district.directory.replace(street.siteId, req, newItems);
  return { staff: req.staff.length, stations: req.stations.length };
}

/**
 * The street's local item versions the district does not hold yet, after checking each: a
 * valid item, in the street's own namespace (never a district code, never another street's:
 * `mayDefineItem`), a version the district holds unchanged or — only while the district allows
 * the street local items — a new one. Any refusal refuses the whole report.
 */
async function newLocalItems(
  streetId: string,
  sent: readonly unknown[],
  directory: DistrictDirectory,
): Promise<ServiceItem[]> {
  const items: ServiceItem[] = [];
  for (const raw of sent) {
    const r = parseServiceItem(raw);
    if (!r.ok) {
      throw new SyncError({
        kind: "MALFORMED_BATCH",
        zh: `自设事项不符合事项清单格式（${r.error.field}：${r.error.zh}），已拒收`,
        en: `Malformed local item: ${r.error.field}`,
      });
    }
    const own = mayDefineItem(
      { kind: "center", siteId: streetId, linked: true, localItemsAllowed: true },
      r.value.code,
    );
    if (!own.ok) throw refuse("NOT_IN_SCOPE", `${own.error.zh}，已拒收`, own.error.en);
    items.push(r.value);
  }
  if (items.length === 0) return [];
  const held = new Map(
    (await directory.itemVersions([...new Set(items.map((i) => i.code))])).map((i) => [
      `${i.code}@${i.version}`,
      i,
    ]),
  );
  const fresh = new Map<string, ServiceItem>();
  for (const item of items) {
    const key = `${item.code}@${item.version}`;
    const before = held.get(key) ?? fresh.get(key);
    if (before && !isDeepStrictEqual(before, item)) {
      throw refuse(
        "HISTORY_REWRITTEN",
        `自设事项 ${item.code} 的第 ${item.version} 版已上报且内容不同；修改事项须保存为新版本，已拒收`,
        `Local item ${key} differs from the version the district holds`,
      );
    }
    if (!before) fresh.set(key, item);
  }
  if (fresh.size > 0 && !(await directory.localItemsAllowed(streetId))) {
    throw refuse(
      "NOT_IN_SCOPE",
      "区级未允许本街道自设事项，新的自设事项版本已拒收",
      `The district does not allow street ${streetId} local items`,
    );
  }
  return [...fresh.values()];
}
