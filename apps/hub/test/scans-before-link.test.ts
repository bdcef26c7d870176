import { join } from "node:path";
import { FileBlobStore, hubBlobDeps, LibsqlStationBlobs } from "@bangban/db";
import { describe, expect, it } from "vitest";
import { districtAndStreet, enrolStreet } from "./district-link";
import { STATION_A } from "./harness";

/**
 * A street runs on its own before it is linked to its district: the scans its stations pushed
 * meanwhile are held with nowhere further to go. Enrolment must hand them to the loop up, as
 * the scans pushed after it are (they travel with the case to whoever handles it next).
 */
const ref = {
  caseId: "01JCASEBEFORELINK000000000",
  hash: "a".repeat(64),
  mime: "image/jpeg",
  size: 1234,
  name: "户口簿.jpg",
  materialCode: "HOUSEHOLD_REGISTER",
  page: 1,
};

describe("scans a street held before it was linked to its district", () => {
  const t = districtAndStreet();

  it("go up once the street enrols, like the ones pushed after", async () => {
    const { db, clock } = t.street.services;
    const vault = new FileBlobStore(join(t.street.dir, "blobs"));
    // A station's scan as the unlinked street's intake records it, referenced by its case.
    await hubBlobDeps(db, vault, clock).record(ref, { siteId: STATION_A, actorIds: [] });
    await db.client.execute({
      sql: `INSERT INTO case_attachments (case_id, hash, material_code, mime, size, name, page)
        VALUES (?, ?, ?, ?, ?, ?, ?)`,
      args: [ref.caseId, ref.hash, ref.materialCode, ref.mime, ref.size, ref.name, ref.page],
    });
    const up = new LibsqlStationBlobs(db, vault, t.street.services.site.id, clock);
    expect(await up.countUnsent()).toBe(0);
    await enrolStreet(t.district, t.street);
    expect(await up.unsent(10, [])).toEqual([{ hash: ref.hash, size: ref.size }]);
  });
});
