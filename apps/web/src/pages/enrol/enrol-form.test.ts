import { describe, expect, it } from "vitest";
import { codeProblem, enrolInputOf, hubUrlProblem, normaliseHubUrl } from "./enrol-form";

describe("the first-run enrolment form", () => {
  it("takes the hub address as people type it", () => {
    expect(normaliseHubUrl(" 192.168.1.10:8700/ ")).toBe("http://192.168.1.10:8700");
    expect(normaliseHubUrl("https://hub.example.cn//")).toBe("https://hub.example.cn");
    expect(hubUrlProblem("192.168.1.10:8700")).toBeNull();
  });

  it("names what is wrong with the address", () => {
    expect(hubUrlProblem("  ")).toBe("enrol.hubUrlRequired");
    expect(hubUrlProblem(undefined)).toBe("enrol.hubUrlRequired");
    expect(hubUrlProblem("ftp://hub")).toBe("enrol.hubUrlInvalid");
    expect(hubUrlProblem("http://")).toBe("enrol.hubUrlInvalid");
  });

  it("checks the code's length and letters, dashes and case optional", () => {
    expect(codeProblem("7kq2 mxpa 93rt hc4w")).toBeNull();
    expect(codeProblem("7KQ2-MXPA-93RT-HC4W")).toBeNull();
    expect(codeProblem("")).toBe("enrol.codeRequired");
    expect(codeProblem("7KQ2-MX")).toBe("enrol.codeLength");
    expect(codeProblem("7KQ2/MXPA/93RT")).toBe("enrol.codeChars");
  });

  it("sends the normalised values", () => {
    expect(enrolInputOf({ hubUrl: "10.0.0.2:8700", code: "abcd-efgh-jkmn-pqrs " })).toEqual({
      hubUrl: "http://10.0.0.2:8700",
      code: "ABCD-EFGH-JKMN-PQRS",
    });
  });
});
