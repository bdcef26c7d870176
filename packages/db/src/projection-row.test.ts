import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LibsqlCaseStore } from "./case-store";
import { ON_CONFLICT_KEEP, ON_CONFLICT_REPLACE, projectionsStatement } from "./projection-row";
import { projectionFixture, type TempDb, tempDb } from "./testing";

/**
 * Projections go to SQLite as one JSON text unpacked there (projectionsStatement): every kind
 * of value must come back as it went in, not as JSON's idea of it.
 */
describe("projectionsStatement", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await tempDb();
  });
  afterEach(async () => t.cleanup());

  const tricky = [
    projectionFixture(1),
    projectionFixture(2, {
      deferred: true,
      paused: true,
      onTime: false,
      legalOnTime: null,
      ratingLevel: 0,
      eventCount: Number.MAX_SAFE_INTEGER,
      ratingChannels: [{ channel: "qr", siteId: "330106001001" }],
      // Text that JSON or SQLite could take for something else.
      itemName: "null",
      phoneLast4: "0042",
      applicantNameMasked: "欧阳*",
      ruleState: JSON.stringify({ note: '引号 " 与 \\ 与 \n 换行' }),
      assigneeId: "",
    }),
    projectionFixture(3, { onTime: true, ratingChannels: [], conflict: true }),
  ];

  const read = (id: string) => new LibsqlCaseStore(t.db).getProjection(id);

  it("stores every column as it went in", async () => {
    await t.db.client.batch([projectionsStatement(tricky, ON_CONFLICT_REPLACE)], "write");
    for (const p of tricky) expect(await read(p.caseId)).toEqual(p);
    const [row] = (
      await t.db.client.execute({
        sql: "SELECT typeof(phone_last4) AS a, typeof(deferred) AS b, typeof(rating_channels) AS c FROM case_projections WHERE case_id = ?",
        args: [tricky[1]?.caseId ?? ""],
      })
    ).rows;
    expect({ ...row }).toEqual({ a: "text", b: "integer", c: "text" });
  });

  it("replaces a stored projection, or keeps it", async () => {
    const first = tricky[0] as (typeof tricky)[number];
    await t.db.client.batch([projectionsStatement([first], ON_CONFLICT_REPLACE)], "write");
    const changed = { ...first, status: "COMPLETED" as const, onTime: true, eventCount: 9 };
    await t.db.client.batch([projectionsStatement([changed], ON_CONFLICT_KEEP)], "write");
    expect(await read(first.caseId)).toEqual(first);
    await t.db.client.batch([projectionsStatement([changed], ON_CONFLICT_REPLACE)], "write");
    expect(await read(first.caseId)).toEqual(changed);
  });

  it("writes nothing for no projections, and a thousand in one statement", async () => {
    await t.db.client.batch([projectionsStatement([], ON_CONFLICT_REPLACE)], "write");
    const many = Array.from({ length: 1000 }, (_, i) => projectionFixture(10 + i));
    await t.db.client.batch([projectionsStatement(many, ON_CONFLICT_REPLACE)], "write");
    const { rows } = await t.db.client.execute("SELECT count(*) AS n FROM case_projections");
    expect(Number(rows[0]?.n)).toBe(1000);
    expect(await read(many[999]?.caseId ?? "")).toEqual(many[999]);
  });
});
