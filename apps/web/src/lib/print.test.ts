import { describe, expect, it } from "vitest";
import { printUrl } from "./print";

describe("print addresses", () => {
  it("names the paper, the case and the notice", () => {
    expect(printUrl("receipt", "01KABC")).toBe("/print/receipt/01KABC");
    expect(printUrl("one-time-notice", "01KABC", "N1")).toBe(
      "/print/one-time-notice/01KABC?notice=N1",
    );
    expect(printUrl("power-of-attorney", null)).toBe("/print/power-of-attorney");
  });
});
