import { MAX_ATTACHMENT_BYTES } from "@bangban/domain";
import { describe, expect, it } from "vitest";
import {
  cameraProblemKey,
  limitVars,
  movePage,
  oversizeFiles,
  pageFileName,
  pickCamera,
  removePage,
} from "./capture-pages";

describe("pages taken so far", () => {
  it("move one place either way, not past either end", () => {
    expect(movePage(["a", "b", "c"], 0, 1)).toEqual(["b", "a", "c"]);
    expect(movePage(["a", "b", "c"], 2, -1)).toEqual(["a", "c", "b"]);
    expect(movePage(["a", "b", "c"], 0, -1)).toEqual(["a", "b", "c"]);
    expect(movePage(["a", "b", "c"], 2, 1)).toEqual(["a", "b", "c"]);
  });

  it("delete one, keeping the others' order", () => {
    expect(removePage(["a", "b", "c"], 1)).toEqual(["a", "c"]);
    expect(removePage(["a"], 3)).toEqual(["a"]);
  });

  it("are named by capture time and place in the batch", () => {
    expect(pageFileName(new Date(2026, 10, 2, 9, 5, 7), 0)).toBe("拍照-20261102-090507-01.jpg");
  });
});

describe("camera choice", () => {
  const cams = [
    { deviceId: "a", label: "Integrated Camera" },
    { deviceId: "b", label: "高拍仪 S500" },
  ];
  it("reopens the camera chosen last time, else the first", () => {
    expect(pickCamera(cams, "b")).toBe("b");
    expect(pickCamera(cams, "gone")).toBe("a");
    expect(pickCamera([], "b")).toBeNull();
  });

  it("tells why the camera cannot open", () => {
    const ok = { hasMediaDevices: true, secureContext: true };
    expect(cameraProblemKey(null, { hasMediaDevices: false, secureContext: false })).toBe(
      "capture.insecure",
    );
    expect(cameraProblemKey(null, { hasMediaDevices: false, secureContext: true })).toBe(
      "capture.unsupported",
    );
    expect(cameraProblemKey({ name: "NotAllowedError" }, ok)).toBe("capture.denied");
    expect(cameraProblemKey({ name: "NotFoundError" }, ok)).toBe("capture.noCamera");
    expect(cameraProblemKey({ name: "NotReadableError" }, ok)).toBe("capture.busy");
    expect(cameraProblemKey({ name: "Whatever" }, ok)).toBe("capture.failed");
  });
});

describe("files chosen for upload", () => {
  it("the limits stated are the ones the server enforces", () => {
    expect(limitVars()).toEqual({ fileMb: 10, files: 60, caseMb: 100 });
  });

  it("those over the per-file limit are named before anything is sent", () => {
    const files = [
      { name: "a.pdf", size: MAX_ATTACHMENT_BYTES },
      { name: "b.pdf", size: MAX_ATTACHMENT_BYTES + 1 },
    ];
    expect(oversizeFiles(files, MAX_ATTACHMENT_BYTES).map((f) => f.name)).toEqual(["b.pdf"]);
  });
});
