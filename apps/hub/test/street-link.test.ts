import { randomBytes } from "node:crypto";
import {
  DISTRICT_LINK,
  type DistrictLink,
  type FileBlobStore,
  getItem,
  getMeta,
  LibsqlStationAudit,
  listStations,
  readReference,
  verifyAuditChain,
} from "@bangban/db";
import type { ServiceItem } from "@bangban/domain";
import { chainRows } from "@bangban/sync/station-audit-suite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readEnv } from "../src/env";
import { enrolStreet, upstreamOf } from "./district-link";
import { CENTER, type HubHarness, hubHarness, STATION_A } from "./harness";

describe("the node kind follows the division code", () => {
  it("6 digits run a district node, 9 a street hub; a station's code is refused", () => {
    expect(readEnv({ BANGBAN_SITE: "330106" }).kind).toBe("district");
    expect(readEnv({ BANGBAN_SITE: "330106001" })).toMatchObject({
      kind: "street",
      districtUrl: null,
    });
    expect(
      readEnv({ BANGBAN_SITE: "330106001", BANGBAN_DISTRICT_URL: "http://10.0.0.1:8710" })
        .districtUrl,
    ).toBe("http://10.0.0.1:8710");
    expect(() => readEnv({ BANGBAN_SITE: "330106001001" })).toThrow(/6-digit district/);
    expect(() => readEnv({ BANGBAN_SITE: "330106001", BANGBAN_DISTRICT_URL: "not a url" })).toThrow(
      /BANGBAN_DISTRICT_URL/,
    );
  });
});

describe("a street hub linked to its district (in process, over the district's HTTP app)", () => {
  let district: HubHarness;
  let street: HubHarness;
  beforeEach(async () => {
    district = await hubHarness(undefined, "330106");
    street = await hubHarness();
  });
  afterEach(async () => {
    await street.close();
    await district.close();
  });

  /** A code from the district's admin for the street, redeemed by the street. */
  const enrol = () => enrolStreet(district, street);

  it("the district issues codes for its streets only, never for a station", async () => {
    const admin = await district.as("admin");
    const forStation = await admin.mutate("admin.enrolment.createCode", { siteId: STATION_A });
    expect(forStation.status).toBe(400);
    expect(forStation.error).toMatchObject({ code: "NOT_ELIGIBLE", field: "siteId" });
    expect(
      (await admin.query<{ siteId: string }[]>("admin.enrolment.listStations")).data?.map(
        (s) => s.siteId,
      ),
    ).toEqual([CENTER, "330106002"]);
  });

  it("enrols once, pushes its cases and its staff up, and takes the district's reference", async () => {
    const link = await enrol();
    expect(link.districtId).toBe("330106");
    expect(await getMeta(street.services.db, DISTRICT_LINK.credential)).toBe(link.credential);
    await expect(enrol()).rejects.toThrow(/already enrolled/);

    // A case taken in at the street's center goes up with the street's round.
    const helper = await street.as("sunhua");
    const r = await helper.mutate<{ caseId: string }>("cases.intake", {
      itemCode: "MZ-GF-001",
      applicant: {
        name: "王秀英",
        idNumber: "33010619400101004X",
        phone: "13812345678",
        address: "保俶路 1 号",
      },
      mode: "assist",
      residentPresent: true,
      materials: [
        { code: "ID_CARD", state: "provided" },
        { code: "HOUSEHOLD_REGISTER", state: "provided" },
      ],
    });
    const up = upstreamOf(district, street, link, {
      complaints: street.services.complaints,
      blobs: street.services.blobs as FileBlobStore,
    });
    expect(r.error ?? null).toBeNull();
    // A complaint registered at the center goes up too, but who complained stays at the street.
    const filed = await helper.mutate<{ id: string }>("complaints.register", {
      channel: "cant_get_it_done_desk",
      target: { staffId: "u-zhangli" },
      content: "窗口推诿，材料被退回三次",
      written: true,
      complexity: "complex",
      complainant: { name: "李四", phone: "13912345678" },
    });
    expect(filed.error ?? null).toBeNull();
    // A scan taken at the center goes up with the street's round, sealed at the district.
    const caseId = r.data?.caseId as string;
    const jpeg = new Uint8Array(randomBytes(4096));
    jpeg.set([0xff, 0xd8, 0xff, 0xe0], 0);
    const scanned = await street.app.request(
      `/api/cases/${caseId}/attachments?material=ID_CARD&name=id.jpg`,
      {
        method: "POST",
        headers: { cookie: helper.cookie, "content-type": "application/octet-stream" },
        body: jpeg,
      },
    );
    expect(scanned.status).toBe(201);
    const { hash } = (await scanned.json()) as { hash: string };
    await up.syncOnce();
    expect(up.status().blobs).toMatchObject({ pendingUp: 0, refused: [] });
    const held = await district.services.db.client.execute({
      sql: "SELECT case_id FROM attachments WHERE hash = ?",
      args: [hash],
    });
    expect(held.rows.map((x) => String(x.case_id))).toEqual([caseId]);
    const atDistrict = await district.services.complaints.get(filed.data?.id as string);
    expect(atDistrict?.state.siteId).toBe(CENTER);
    expect(atDistrict?.complainant).toBeNull();
    expect((await street.services.complaints.get(filed.data?.id as string))?.complainant).toEqual({
      name: "李四",
      phone: "13912345678",
    });
    expect(up.status().pending).toBe(0);
    expect(
      await district.services.repo.store.getProjection(r.data?.caseId as string),
    ).toMatchObject({
      originSiteId: CENTER,
    });
    const reported = await district.services.db.client.execute(
      "SELECT user_id, site_id FROM district_staff ORDER BY user_id",
    );
    expect(reported.rows.map((x) => String(x.user_id))).toContain("u-chenjing");
    expect(reported.rows.map((x) => String(x.user_id))).not.toContain("u-admin");
    const enrolled = await listStations(district.services.db);
    expect(enrolled.map((s) => [s.siteId, s.lastPushAt !== null])).toEqual([[CENTER, true]]);
    expect(await getMeta(street.services.db, DISTRICT_LINK.reference)).not.toBeNull();
  });

  /** The street's loop up to the district, over the district's app. */
  const upstream = (link: DistrictLink) => upstreamOf(district, street, link);

  it("street-local 事项: the district allows a street, which then adds its own items only; they go up, and its cases under them are taken", async () => {
    type Item = ServiceItem & Record<string, unknown>;
    type Listing = {
      editing: { canAdd: boolean; localPrefix: string | null };
      items: { code: string; editable: boolean; localStreet: string | null }[];
    };
    const up = upstream(await enrol());
    const lead = await street.as("sunhua");
    const base = (await lead.query<Item>("admin.catalog.get", { code: "MZ-GF-001" })).data as Item;
    const local = { ...base, code: `${CENTER}-MZ-GF-901`, name: "辖区困难老人助餐补贴" };
    const save = (item: object) => lead.mutate("admin.catalog.saveItem", { item });

    // Not allowed (the default): everything read-only, the district's items and local ones.
    await up.syncOnce();
    expect((await save(local)).error).toMatchObject({ code: "NOT_ELIGIBLE", field: "item.code" });
    expect((await lead.query<Listing>("admin.catalog.list")).data?.editing).toEqual({
      linked: true,
      localItemsAllowed: false,
      canAdd: false,
      localPrefix: `${CENTER}-`,
    });

    // The district's admin allows the street; stations and the street itself cannot.
    const admin = await district.as("admin");
    const onStation = await admin.mutate("admin.sites.setLocalItems", {
      siteId: STATION_A,
      allowed: true,
    });
    expect(onStation.error).toMatchObject({ code: "NOT_ELIGIBLE", field: "siteId" });
    const atStreet = await lead.mutate("admin.sites.setLocalItems", {
      siteId: CENTER,
      allowed: true,
    });
    expect(atStreet.error).toMatchObject({ code: "NOT_ELIGIBLE", field: "siteId" });
    const allowed = await admin.mutate("admin.sites.setLocalItems", {
      siteId: CENTER,
      allowed: true,
    });
    expect(allowed.data).toMatchObject({ id: CENTER, localItems: true });
    await up.syncOnce();

    // Its own local items only; the district's stay read-only, another street's are not its.
    expect((await save(local)).error ?? null).toBeNull();
    expect((await save({ ...base, name: "改" })).error).toMatchObject({ code: "NOT_ELIGIBLE" });
    const theirs = await save({ ...local, code: "330106002-MZ-GF-901" });
    expect(theirs.error).toMatchObject({ code: "NOT_ALLOWED", field: "item.code" });
    const listing = (await lead.query<Listing>("admin.catalog.list")).data;
    expect(listing?.editing.canAdd).toBe(true);
    const flags = new Map(listing?.items.map((i) => [i.code, [i.editable, i.localStreet]]));
    expect(flags.get("MZ-GF-001")).toEqual([false, null]);
    expect(flags.get(local.code)).toEqual([true, CENTER]);
    // It flows down to the street's stations with the rest of its catalog.
    const toStation = await readReference(street.services.db, STATION_A);
    expect(toStation.catalog.map((c) => c.code)).toContain(local.code);

    // A case taken at the center under it goes up with the item, and the district takes it.
    const r = await lead.mutate<{ caseId: string }>("cases.intake", {
      itemCode: local.code,
      applicant: {
        name: "王秀英",
        idNumber: "33010619400101004X",
        phone: "13812345678",
        address: "保俶路 1 号",
      },
      mode: "assist",
      residentPresent: true,
      materials: base.guide.materials
        .filter((m) => m.requirement === "mandatory")
        .map((m) => ({ code: m.code, state: "provided" })),
    });
    expect(r.error ?? null).toBeNull();
    await up.syncOnce();
    expect(up.status()).toMatchObject({ pending: 0, quarantined: [], lastError: null });
    expect(await getItem(district.services.db, local.code, 1)).toMatchObject({ name: local.name });
    expect(
      await district.services.repo.store.getProjection(r.data?.caseId as string),
    ).toMatchObject({ originSiteId: CENTER });
    // The district's own 事项管理 shows it, but it is the street's to maintain.
    const atDistrict = (await admin.query<Listing>("admin.catalog.list")).data;
    expect(atDistrict?.items.find((i) => i.code === local.code)?.editable).toBe(false);

    // Disallowed again: the street learns it with the next round and adds nothing more.
    await admin.mutate("admin.sites.setLocalItems", { siteId: CENTER, allowed: false });
    await up.syncOnce();
    const v2 = await lead.mutate("admin.catalog.saveItem", { item: local, expectedVersion: 1 });
    expect(v2.error).toMatchObject({ code: "NOT_ELIGIBLE", field: "item.code" });
  });

  it("a local item saved just before the district withdrew the allowance does not stall the street's link", async () => {
    const up = upstream(await enrol());
    const admin = await district.as("admin");
    await admin.mutate("admin.sites.setLocalItems", { siteId: CENTER, allowed: true });
    await up.syncOnce();
    const lead = await street.as("sunhua");
    const base = (await lead.query<ServiceItem>("admin.catalog.get", { code: "MZ-GF-001" })).data;
    const saved = await lead.mutate("admin.catalog.saveItem", {
      item: { ...base, code: `${CENTER}-MZ-GF-902` },
    });
    expect(saved.error ?? null).toBeNull();
    await admin.mutate("admin.sites.setLocalItems", { siteId: CENTER, allowed: false });
    // The round that reports the new version is refused; it takes the district's word with it.
    await expect(up.syncOnce()).rejects.toMatchObject({ data: { kind: "NOT_IN_SCOPE" } });
    await up.syncOnce();
    expect(up.status().lastError).toBeNull();
    expect(await getItem(district.services.db, `${CENTER}-MZ-GF-902`)).toBeNull();
  });

  it("its stations' audit chains go up unchanged, verified at the district, whose 审计日志 lists them by street", async () => {
    const link = await enrol();
    await street.services.syncHandler.pushAudit(
      { siteId: STATION_A, actorIds: [] },
      { protocol: 2, rows: chainRows(STATION_A, 5) },
    );
    await street.as("sunhua"); // a line in the street's own log, which goes up as its own chain
    const { services } = street;
    const up = upstream(link);
    await up.syncOnce();
    expect(up.status().audit).toEqual({ pending: 0, refusal: null, hubLacksCall: false });
    const db = district.services.db;
    const held = new LibsqlStationAudit(db);
    expect(await held.range(STATION_A, 1, 99)).toEqual(chainRows(STATION_A, 5));
    expect(await verifyAuditChain(db, STATION_A)).toEqual({ ok: true, rows: 5, unchained: 0 });
    expect(await held.sites()).toEqual([CENTER, STATION_A]);
    // Rows the station writes later follow in the next round, after what the district holds.
    await services.syncHandler.pushAudit(
      { siteId: STATION_A, actorIds: [] },
      { protocol: 2, rows: chainRows(STATION_A, 7).slice(5) },
    );
    await up.syncOnce();
    expect(await held.range(STATION_A, 1, 99)).toEqual(chainRows(STATION_A, 7));

    // The district's administrator picks a station's log, grouped under its street.
    const admin = await district.as("admin");
    const sites =
      await admin.query<{ siteId: string; kind: string; street?: string }[]>("audit.sites");
    expect(sites.data?.[0]).toMatchObject({ siteId: "330106", kind: "district" });
    expect(sites.data).toContainEqual({
      siteId: STATION_A,
      name: expect.any(String),
      kind: "station",
      own: false,
      street: expect.any(String),
    });
    const page = await admin.query<{ rows: { id: number; siteId: string }[] }>("audit.list", {
      site: STATION_A,
      limit: 2,
    });
    expect(page.data?.rows.map((r) => [r.id, r.siteId])).toEqual([
      [7, STATION_A],
      [6, STATION_A],
    ]);
    expect((await admin.mutate("audit.verify", { site: STATION_A })).data).toMatchObject({
      result: { ok: true, rows: 7 },
    });
  });

  it("a linked street refuses edits of the catalog, sites and calendar the district owns", async () => {
    const lead = await street.as("admin");
    expect((await lead.mutate("admin.calendar.update", { days: {} })).status).toBe(200);
    await enrol();
    const after = await lead.mutate("admin.calendar.update", { days: { "2026-12-12": "work" } });
    expect(after.status).toBe(400);
    expect(after.error).toMatchObject({ code: "NOT_ELIGIBLE", field: "calendar" });
    expect(after.error?.zh).toContain("区级统一管理");
    const item = await lead.mutate("admin.catalog.saveItem", { item: { code: "MZ-GF-001" } });
    expect(item.error).toMatchObject({ code: "NOT_ELIGIBLE", field: "item.code" });
    const site = await lead.mutate("admin.sites.update", { id: STATION_A, name: "改名" });
    expect(site.error).toMatchObject({ code: "NOT_ELIGIBLE", field: "id" });
  });
});
