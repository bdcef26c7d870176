import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type TempDb, tempDb } from "../testing";
import { getAttachment, putAttachment } from "./attachments";
import { getMeta, setMeta } from "./meta";
import { getSite, listSites, type Site, upsertSites } from "./sites";

const center: Site = {
  id: "330106001000",
  name: "西溪街道便民服务中心",
  kind: "center",
  parentId: "330106000000",
  divisionCode: "330106001000",
  address: "西湖区文二路 1 号",
  phone: "0571-88881234",
  version: 1,
  localItems: false,
  updatedAt: "2026-11-01T00:00:00.000Z",
};
const station: Site = {
  ...center,
  id: "330106001001",
  name: "文一社区便民服务站",
  kind: "station",
  parentId: center.id,
  divisionCode: "330106001001",
};

describe("sites, meta and attachments", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  it("upserts sites by version and lists them", async () => {
    await upsertSites(t.db, [center, station]);
    await upsertSites(t.db, [{ ...station, name: "新站名", version: 2 }]);
    await upsertSites(t.db, [{ ...station, name: "过时的站名", version: 1 }]);
    expect((await getSite(t.db, station.id))?.name).toBe("新站名");
    expect(await getSite(t.db, "nope")).toBeNull();
    expect((await listSites(t.db)).map((s) => s.id)).toEqual([center.id, station.id]);
    expect((await listSites(t.db, { parentId: center.id })).map((s) => s.id)).toEqual([station.id]);
    expect((await listSites(t.db, { kind: "center" })).map((s) => s.id)).toEqual([center.id]);
  });

  it("keeps meta values", async () => {
    expect(await getMeta(t.db, "node:id")).toBeNull();
    await setMeta(t.db, "node:id", "n1");
    await setMeta(t.db, "node:id", "n2");
    expect(await getMeta(t.db, "node:id")).toBe("n2");
  });

  it("stores attachment metadata once per hash", async () => {
    const a = {
      hash: "a".repeat(64),
      size: 1024,
      mime: "image/jpeg",
      originalName: "身份证.jpg",
      createdAt: "2026-11-23T01:00:00.000Z",
      createdBy: "u1",
      caseId: "c1",
    };
    expect(await putAttachment(t.db, a)).toEqual({ created: true });
    expect(await putAttachment(t.db, { ...a, originalName: "again.jpg" })).toEqual({
      created: false,
    });
    expect(await getAttachment(t.db, a.hash)).toEqual({ ...a, syncedAt: null });
    await expect(putAttachment(t.db, { ...a, hash: "xyz" })).rejects.toThrow(/sha256/);
  });
});
