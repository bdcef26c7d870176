import { parseDivisionCode, type Role, seedCatalog } from "@bangban/domain";
import type { Db } from "./client";
import { saveCatalogItems } from "./queries/catalog";
import { type SiteInput, upsertSites } from "./queries/sites";
import { createUser, findUserByUsername } from "./queries/users";

/**
 * Demo data: one district, two street centers — 北山 with two community stations, 西溪 with
 * one — (well-formed division codes), the sample catalog, and a user for each role at each
 * site. What a node holds follows its kind (`demoScope`): the district the whole tree and its
 * own accounts, a street hub its subtree and its staff, a station its own users; logins work
 * offline because each node holds the accounts that sign in there.
 */
export const DEMO_SITES = {
  district: "330106",
  center: "330106001",
  stationA: "330106001001",
  stationB: "330106001002",
  /** The second street, smaller, with one station. */
  center2: "330106002",
  stationC: "330106002001",
} as const;

const at = "2026-01-01T00:00:00.000Z";

export const demoSites: SiteInput[] = [
  {
    id: DEMO_SITES.district,
    name: "西湖区政务服务中心",
    kind: "district",
    parentId: null,
    divisionCode: DEMO_SITES.district,
    address: "西湖区文三路 1 号",
    phone: "0571-87000000",
    version: 1,
    updatedAt: at,
  },
  {
    id: DEMO_SITES.center,
    name: "北山街道便民服务中心",
    kind: "center",
    parentId: DEMO_SITES.district,
    divisionCode: DEMO_SITES.center,
    address: "北山街道保俶路 100 号",
    phone: "0571-87001234",
    version: 1,
    updatedAt: at,
  },
  {
    id: DEMO_SITES.stationA,
    name: "宝石社区便民服务站",
    kind: "station",
    parentId: DEMO_SITES.center,
    divisionCode: DEMO_SITES.stationA,
    address: "宝石一弄 8 号",
    phone: "0571-87002001",
    version: 1,
    updatedAt: at,
  },
  {
    id: DEMO_SITES.stationB,
    name: "西湖社区便民服务站",
    kind: "station",
    parentId: DEMO_SITES.center,
    divisionCode: DEMO_SITES.stationB,
    address: "北山路 60 号",
    phone: "0571-87002002",
    version: 1,
    updatedAt: at,
  },
  {
    id: DEMO_SITES.center2,
    name: "西溪街道便民服务中心",
    kind: "center",
    parentId: DEMO_SITES.district,
    divisionCode: DEMO_SITES.center2,
    address: "西溪街道教工路 88 号",
    phone: "0571-87011234",
    version: 1,
    updatedAt: at,
  },
  {
    id: DEMO_SITES.stationC,
    name: "求是社区便民服务站",
    kind: "station",
    parentId: DEMO_SITES.center2,
    divisionCode: DEMO_SITES.stationC,
    address: "求是村 12 幢",
    phone: "0571-87012001",
    version: 1,
    updatedAt: at,
  },
];

export interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  siteId: string;
  password: string;
  pin: string | null;
}

export const DEMO_PASSWORD = "bangban2026";

export const demoUsers: DemoUser[] = [
  {
    id: "u-zhangli",
    username: "zhangli",
    displayName: "张丽",
    role: "helper",
    siteId: DEMO_SITES.stationA,
    password: DEMO_PASSWORD,
    pin: "246810",
  },
  {
    id: "u-wangqiang",
    username: "wangqiang",
    displayName: "王强",
    role: "station_lead",
    siteId: DEMO_SITES.stationA,
    password: DEMO_PASSWORD,
    pin: "135790",
  },
  {
    id: "u-liumei",
    username: "liumei",
    displayName: "刘梅",
    role: "helper",
    siteId: DEMO_SITES.stationB,
    password: DEMO_PASSWORD,
    pin: "246810",
  },
  {
    id: "u-zhoujun",
    username: "zhoujun",
    displayName: "周军",
    role: "station_lead",
    siteId: DEMO_SITES.stationB,
    password: DEMO_PASSWORD,
    pin: "135790",
  },
  {
    id: "u-chenjing",
    username: "chenjing",
    displayName: "陈静",
    role: "reviewer",
    siteId: DEMO_SITES.center,
    password: DEMO_PASSWORD,
    pin: null,
  },
  {
    id: "u-zhaolei",
    username: "zhaolei",
    displayName: "赵磊",
    role: "approver",
    siteId: DEMO_SITES.center,
    password: DEMO_PASSWORD,
    pin: null,
  },
  {
    id: "u-sunhua",
    username: "sunhua",
    displayName: "孙华",
    role: "center_lead",
    siteId: DEMO_SITES.center,
    password: DEMO_PASSWORD,
    pin: null,
  },
  {
    id: "u-admin",
    username: "admin",
    displayName: "区管理员",
    role: "district_admin",
    siteId: DEMO_SITES.district,
    password: DEMO_PASSWORD,
    pin: null,
  },
  {
    id: "u-xuting",
    username: "xuting",
    displayName: "许婷",
    role: "helper",
    siteId: DEMO_SITES.stationC,
    password: DEMO_PASSWORD,
    pin: "246810",
  },
  {
    id: "u-machao",
    username: "machao",
    displayName: "马超",
    role: "station_lead",
    siteId: DEMO_SITES.stationC,
    password: DEMO_PASSWORD,
    pin: "135790",
  },
  {
    id: "u-linfang",
    username: "linfang",
    displayName: "林芳",
    role: "reviewer",
    siteId: DEMO_SITES.center2,
    password: DEMO_PASSWORD,
    pin: null,
  },
  {
    id: "u-hewei",
    username: "hewei",
    displayName: "何伟",
    role: "approver",
    siteId: DEMO_SITES.center2,
    password: DEMO_PASSWORD,
    pin: null,
  },
  {
    id: "u-guomin",
    username: "guomin",
    displayName: "郭敏",
    role: "center_lead",
    siteId: DEMO_SITES.center2,
    password: DEMO_PASSWORD,
    pin: null,
  },
];

/** The sites and accounts a demo node holds after `seed --demo`. */
export interface DemoScope {
  sites: SiteInput[];
  users: DemoUser[];
}

/**
 * What the demo node `site` holds, by its kind (the length of its code):
 * - the district (6 digits): the whole site tree and the district's own accounts;
 * - a street hub (9): the district's row, its center and its stations, its staff, and the
 *   district's accounts (a district administrator may sign in at a street's hub);
 * - a station (12): the same sites as its street, and its own users only.
 * A code outside the demo district, or not a division code, is refused, naming it.
 */
export function demoScope(site: string): DemoScope {
  const parsed = parseDivisionCode(site, "site");
  if (!parsed.ok) throw new Error(`demo seed: ${parsed.error.en}`);
  const info = parsed.value;
  if (info.county !== DEMO_SITES.district)
    throw new Error(`demo seed: ${site} is not in the demo district ${DEMO_SITES.district}`);
  const districtAccounts = demoUsers.filter((u) => u.siteId === info.county);
  if (info.level === "county") return { sites: [...demoSites], users: districtAccounts };
  const street = site.slice(0, 9);
  const sites = demoSites.filter((s) => s.id === info.county || s.id.startsWith(street));
  if (info.level === "street") {
    const users = demoUsers.filter((u) => u.siteId.startsWith(street) || u.siteId === info.county);
    return { sites, users };
  }
  return { sites, users: demoUsers.filter((u) => u.siteId === site) };
}

export interface SeedDemoOptions {
  /** How this node hashes passwords and PINs (the api's `hashSecret`). */
  hashSecret: (secret: string) => Promise<string>;
  /**
   * The node being seeded (its division code); what it holds follows its kind (`demoScope`).
   * When absent: the station named by `siteIds`, else the first street's hub (北山).
   */
  site?: string;
  /** A station's own code (`[site]`), as station CLIs and harnesses pass it. */
  siteIds?: readonly [string];
}

/**
 * Seeds the node's sites, the catalog and its users (`demoScope`). Safe to run twice. Both
 * apps' CLIs (`seed --demo`) and their test harnesses call it. The working-day calendar is
 * the built-in one on every node (nothing is stored until an administrator overrides it).
 */
export async function seedDemo(
  db: Db,
  { hashSecret, site, siteIds }: SeedDemoOptions,
): Promise<{ users: DemoUser[] }> {
  const { sites, users } = demoScope(site ?? siteIds?.[0] ?? DEMO_SITES.center);
  await upsertSites(db, sites);
  await saveCatalogItems(db, seedCatalog.items);
  for (const u of users) {
    if (await findUserByUsername(db, u.username)) continue;
    await createUser(db, {
      id: u.id,
      siteId: u.siteId,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      passwordHash: await hashSecret(u.password),
      pinHash: u.pin ? await hashSecret(u.pin) : null,
    });
  }
  return { users };
}
