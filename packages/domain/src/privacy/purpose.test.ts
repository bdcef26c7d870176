import { describe, expect, it } from "vitest";
import { checkAccessPurpose } from "./purpose";

describe("access purpose", () => {
  it("is required, naming the field purpose", () => {
    const r = checkAccessPurpose(undefined);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: "REQUIRED", field: "purpose" });
  });

  it("other needs a note; the audited form carries the Chinese label", () => {
    const bare = checkAccessPurpose({ kind: "other", note: "  " });
    expect(bare.ok ? null : bare.error.field).toBe("purpose.note");
    expect(checkAccessPurpose({ kind: "complaint", note: " 12345 热线 " })).toEqual({
      ok: true,
      value: { purpose: "投诉处理", purposeKind: "complaint", note: "12345 热线" },
    });
  });
});
