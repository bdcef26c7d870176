import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import {
  apiErrorFromResponse,
  apiErrorOf,
  fieldPath,
  isUnauthorized,
  NETWORK_ERROR,
} from "./errors";

const bangban = {
  code: "INVALID_CHECKSUM",
  field: "applicant.idNumber",
  zh: "身份证号码最后一位（校验位）与前17位不符",
  en: "The check digit does not match",
};

describe("apiErrorOf", () => {
  it("reads the server's error body from a tRPC error", () => {
    const e = new TRPCClientError("bad", { result: { error: { data: { bangban } } } as never });
    Object.assign(e, { data: { bangban } });
    expect(apiErrorOf(e)).toEqual(bangban);
  });

  it("calls a tRPC error without a body a network failure", () => {
    expect(apiErrorOf(new TRPCClientError("fetch failed"))).toBe(NETWORK_ERROR);
    expect(apiErrorOf(new TypeError("Failed to fetch"))).toBe(NETWORK_ERROR);
  });

  it("passes an ApiError through and gives anything else a generic message", () => {
    expect(apiErrorOf(bangban)).toBe(bangban);
    expect(apiErrorOf(new Error("x")).zh).toMatch(/重试/);
  });

  it("recognises an expired session", () => {
    expect(isUnauthorized({ code: "UNAUTHORIZED", field: null, zh: "请先登录", en: "" })).toBe(
      true,
    );
  });
});

describe("fieldPath", () => {
  it("turns a dotted field into a form name path", () => {
    expect(fieldPath("applicant.idNumber")).toEqual(["applicant", "idNumber"]);
    expect(fieldPath("deferred.0.promisedBy")).toEqual(["deferred", 0, "promisedBy"]);
  });
});

describe("apiErrorFromResponse", () => {
  it("reads the plain routes' { error } body", async () => {
    const res = new Response(JSON.stringify({ error: { ...bangban, field: "file" } }), {
      status: 415,
    });
    expect((await apiErrorFromResponse(res)).field).toBe("file");
  });

  it("treats a non-JSON 502 from a proxy as the network", async () => {
    expect(await apiErrorFromResponse(new Response("Bad gateway", { status: 502 }))).toBe(
      NETWORK_ERROR,
    );
  });
});
