import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LibsqlCaseStore } from "./case-store";
import { projectionsStatements } from "./projection-row";
import { projectionFixture, type TempDb, tempDb } from "./testing";

/**
 * Projections go to SQLite as one JSON text unpacked there (projectionsStatements): every kind
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
    await t.db.client.batch([...projectionsStatements(tricky, "replace")], "write");
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
    await t.db.client.batch([...projectionsStatements([first], "replace")], "write");
    const changed = { ...first, status: "COMPLETED" as const, onTime: true, eventCount: 9 };
    await t.db.client.batch([...projectionsStatements([changed], "keep")], "write");
    expect(await read(first.caseId)).toEqual(first);
    await t.db.client.batch([...projectionsStatements([changed], "replace")], "write");
    expect(await read(first.caseId)).toEqual(changed);
  });

  it("writes nothing for no projections, and a thousand in one statement", async () => {
    await t.db.client.batch([...projectionsStatements([], "replace")], "write");
    const many = Array.from({ length: 1000 }, (_, i) => projectionFixture(10 + i));
    await t.db.client.batch([...projectionsStatements(many, "replace")], "write");
    const { rows } = await t.db.client.execute("SELECT count(*) AS n FROM case_projections");
    expect(Number(rows[0]?.n)).toBe(1000);
    expect(await read(many[999]?.caseId ?? "")).toEqual(many[999]);
  });

  it("replace: a stored row becomes its projection, indexed columns too (set one by one where they differ), to and from null", async () => {
    const before = tricky[1] as (typeof tricky)[number];
    await t.db.client.batch([...projectionsStatements([before], "replace")], "write");
    const after = {
      ...before,
      status: "COMPLETED" as const,
      handlingSiteId: "330106002",
      assigneeId: null,
      dueOn: null,
      pickupSiteId: "330106002001",
      completedSiteId: "330106002",
      itemName: "changed, no index",
      deferred: false,
      updatedAt: "2026-12-06T10:00:00.000Z",
    };
    // With a second, new case in the same write: inserted whole.
    const fresh = projectionFixture(40);
    await t.db.client.batch([...projectionsStatements([after, fresh], "replace")], "write");
    expect(await read(before.caseId)).toEqual(after);
    expect(await read(fresh.caseId)).toEqual(fresh);
    // The index answers with the new values, not the old.
    const { rows } = await t.db.client.execute({
      sql: "SELECT case_id FROM case_projections INDEXED BY case_projections_handling_site_idx WHERE handling_site_id = ?",
      args: ["330106002"],
    });
    expect(rows.map((r) => String(r.case_id))).toEqual([before.caseId]);
  });

  describe("rule states, in a table of their own", () => {
    const states = async () =>
      Object.fromEntries(
        (await t.db.client.execute("SELECT case_id, rule_state FROM case_rule_states")).rows.map(
          (r) => [String(r.case_id), String(r.rule_state)],
        ),
      );
    const ruled = (n: number, state: string | null) =>
      projectionFixture(n, { ruleState: state, nextRuleOn: state ? "2026-12-08" : null });

    it("replace: set, changed and cleared with the projection; the list table has no copy", async () => {
      const a = ruled(1, '{"status":"ACCEPTED"}');
      const b = ruled(2, null);
      await t.db.client.batch(projectionsStatements([a, b], "replace"), "write");
      expect(await states()).toEqual({ [a.caseId]: a.ruleState });
      const cols = await t.db.client.execute(
        "SELECT name FROM pragma_table_info('case_projections')",
      );
      expect(cols.rows.map((r) => String(r.name))).not.toContain("rule_state");

      const a2 = { ...a, ruleState: '{"status":"IN_REVIEW"}' };
      const b2 = { ...b, ruleState: '{"status":"SUBMITTED"}' };
      await t.db.client.batch(projectionsStatements([a2, b2], "replace"), "write");
      expect(await states()).toEqual({ [a.caseId]: a2.ruleState, [b.caseId]: b2.ruleState });
      expect(await read(b.caseId)).toEqual(b2);

      // Nothing left to fall due: the row goes.
      await t.db.client.batch(
        projectionsStatements([{ ...a2, ruleState: null }], "replace"),
        "write",
      );
      expect(await states()).toEqual({ [b.caseId]: b2.ruleState });
      expect((await read(a.caseId))?.ruleState).toBeNull();
    });

    it("keep: a claim's rule state comes only with its projection, never over a stored case's", async () => {
      const held = ruled(1, null);
      const heldWithState = ruled(2, '{"mine":true}');
      await t.db.client.batch(projectionsStatements([held, heldWithState], "replace"), "write");
      const claims = [ruled(1, '{"claim":1}'), ruled(2, '{"claim":2}'), ruled(3, '{"claim":3}')];
      await t.db.client.batch(projectionsStatements(claims, "keep"), "write");
      expect(await states()).toEqual({
        [heldWithState.caseId]: heldWithState.ruleState,
        [claims[2]?.caseId ?? ""]: '{"claim":3}',
      });
      expect(await read(claims[2]?.caseId ?? "")).toEqual(claims[2]);
    });
  });
});
