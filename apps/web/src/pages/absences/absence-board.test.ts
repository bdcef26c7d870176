import { describe, expect, it } from "vitest";
import { type BoardAbsence, type BoardStaff, boardRows, cancellable } from "./absence-board";

const person = (
  id: string,
  displayName: string,
  backupUserId: string | null = null,
): BoardStaff => ({
  id,
  displayName,
  role: "helper",
  active: true,
  backupUserId,
});
const away = (
  id: string,
  userId: string,
  from: string,
  to: string,
  cancelledAt: string | null = null,
): BoardAbsence => ({
  id,
  userId,
  kind: "leave",
  from,
  to,
  cancelledAt,
});

const staff = [
  person("u-a", "张丽", "u-b"),
  person("u-b", "王强", "u-a"),
  person("u-c", "李明"),
  { ...person("u-d", "赵停"), active: false },
];

describe("the 请假与AB岗 board", () => {
  it("lists who is away today first, then who is away next, with each person's B岗", () => {
    const rows = boardRows(
      staff,
      [away("1", "u-b", "2026-11-02", "2026-11-03"), away("2", "u-c", "2026-11-05", "2026-11-05")],
      "2026-11-02",
    );
    expect(rows.map((r) => [r.person.id, r.now?.id ?? null, r.next?.id ?? null])).toEqual([
      ["u-b", "1", null],
      ["u-c", null, "2"],
      ["u-a", null, null],
    ]);
    expect(rows.find((r) => r.person.id === "u-a")).toMatchObject({
      backupName: "王强",
      backupUnavailable: true, // 王强 is away today
    });
    expect(rows.find((r) => r.person.id === "u-c")?.backupName).toBeNull();
  });

  it("ignores cancelled absences and leaves inactive accounts out", () => {
    const rows = boardRows(
      staff,
      [away("1", "u-a", "2026-11-02", "2026-11-02", "x")],
      "2026-11-02",
    );
    expect(rows.every((r) => r.now === null)).toBe(true);
    expect(rows.map((r) => r.person.id)).not.toContain("u-d");
  });

  it("lets a lead cancel an absence until its last day, not after, nor twice", () => {
    expect(cancellable(away("1", "u-a", "2026-11-01", "2026-11-02"), "2026-11-02")).toBe(true);
    expect(cancellable(away("1", "u-a", "2026-11-01", "2026-11-01"), "2026-11-02")).toBe(false);
    expect(cancellable(away("1", "u-a", "2026-11-03", "2026-11-04", "x"), "2026-11-02")).toBe(
      false,
    );
  });
});
