import { type Role, seedCatalog } from "@bangban/domain";
import type { Db } from "./client";
import { saveCatalogItems } from "./queries/catalog";
import { type Site, upsertSites } from "./queries/sites";
import { createUser, findUserByUsername } from "./queries/users";

/**
 * Demo data: one district, one street center, two community stations (well-formed division
 * codes), the sample catalog, and a user for each role. The same on the hub and on every
 * station, so logins work offline; each node keeps only its own site's users.
 */
export const DEMO_SITES = {
  district: "330106",
  center: "330106001",
  stationA: "330106001001",
  stationB: "330106001002",
} as const;

const at = "2026-01-01T00:00:00.000Z";

export const demoSites: Site[] = [
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
];

export interface SeedDemoOptions {
  /** How this node hashes passwords and PINs (the api's `hashSecret`). */
  hashSecret: (secret: string) => Promise<string>;
  /** Only these sites' users (a station seeds its own); all when absent (the hub). */
  siteIds?: readonly string[];
}

/**
 * Seeds sites, catalog and users (only those of `siteIds`, or all). Safe to run twice. Both
 * apps' CLIs (`seed --demo`) and their test harnesses call it.
 */
export async function seedDemo(
  db: Db,
  { hashSecret, siteIds }: SeedDemoOptions,
): Promise<{ users: DemoUser[] }> {
  await upsertSites(db, demoSites);
  await saveCatalogItems(db, seedCatalog.items);
  const users = demoUsers.filter((u) => !siteIds || siteIds.includes(u.siteId));
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
