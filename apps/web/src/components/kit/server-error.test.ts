import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { NETWORK_ERROR } from "../../api/errors";
import { placeServerError, samePath } from "./server-error";

const idError = {
  code: "INVALID_CHECKSUM",
  field: "applicant.idNumber",
  zh: "身份证号码校验位不符",
  en: "The check digit does not match",
};
const onForm = [["applicant", "idNumber"], ["reason"], ["deferred", 0, "promisedBy"]];

describe("placeServerError", () => {
  it("puts an error beside the field it names when that field is on the form", () => {
    expect(placeServerError(idError, "zh", onForm)).toEqual({
      kind: "field",
      name: ["applicant", "idNumber"],
      message: "身份证号码校验位不符",
      error: idError,
    });
    expect(placeServerError(idError, "en", onForm)).toMatchObject({
      message: "The check digit does not match",
    });
  });

  it("reads the field out of a tRPC error's body", () => {
    const e = new TRPCClientError("bad");
    Object.assign(e, { data: { bangban: { ...idError, field: "deferred.0.promisedBy" } } });
    expect(placeServerError(e, "zh", onForm)).toMatchObject({
      kind: "field",
      name: ["deferred", 0, "promisedBy"],
    });
  });

  it("shows an error for a field not on the form, or for no field, as an alert", () => {
    const elsewhere = { ...idError, field: "agent.idNumber" };
    expect(placeServerError(elsewhere, "zh", onForm)).toEqual({ kind: "alert", error: elsewhere });
    const whole = { ...idError, field: null };
    expect(placeServerError(whole, "zh", onForm)).toEqual({ kind: "alert", error: whole });
  });

  it("calls a lost connection an alert, never a field's fault", () => {
    expect(placeServerError(new TypeError("Failed to fetch"), "zh", onForm)).toEqual({
      kind: "alert",
      error: NETWORK_ERROR,
    });
  });

  it("follows the form's own names and message when told how", () => {
    const catalog = { ...idError, field: "item.guide.fee", zh: "guide.fee 收费标准不能为空" };
    const placed = placeServerError(catalog, "zh", [["guide", "fee"]], {
      rename: (f) => f.replace(/^item\./, "").split("."),
      fieldMessage: (m) => m.replace(/^guide\.fee\s*/, ""),
    });
    expect(placed).toMatchObject({
      kind: "field",
      name: ["guide", "fee"],
      message: "收费标准不能为空",
    });
    const refused = placeServerError(catalog, "zh", [["guide", "fee"]], { rename: () => null });
    expect(refused.kind).toBe("alert");
  });

  it("falls back to Chinese when the other language is blank", () => {
    const zhOnly = { ...idError, en: "" };
    expect(placeServerError(zhOnly, "en", onForm)).toMatchObject({ message: idError.zh });
  });
});

describe("samePath", () => {
  it("matches an index written as text or as a number, and nothing shorter", () => {
    expect(samePath(["materials", "0", "code"], ["materials", 0, "code"])).toBe(true);
    expect(samePath(["materials"], ["materials", 0])).toBe(false);
  });
});
