import { describe, expect, it } from "vitest";
import { toHandoverInput } from "./handover-form";

describe("送达 at 办结", () => {
  it("本人领取 records no collector, whatever was typed before switching", () => {
    expect(
      toHandoverInput({ handover: { how: "self", collector: { name: "王小明", idNumber: "x" } } }),
    ).toEqual({ how: "self" });
    expect(toHandoverInput({})).toEqual({ how: "self" });
  });

  it("代领 sends the collector's name and ID number, trimmed", () => {
    expect(
      toHandoverInput({
        handover: {
          how: "collector",
          collector: { name: " 王小明 ", idNumber: " 440524 188001010014 " },
        },
      }),
    ).toEqual({ how: "collector", collector: { name: "王小明", idNumber: "440524188001010014" } });
  });

  it("代领 with nothing typed still goes to the station, which names the missing field", () => {
    expect(toHandoverInput({ handover: { how: "collector" } })).toEqual({
      how: "collector",
      collector: { name: "", idNumber: "" },
    });
  });
});
