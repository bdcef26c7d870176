import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../src/app";
import { type HubHarness, hubHarness } from "./harness";

let h: HubHarness;
let web: string;
beforeEach(async () => {
  h = await hubHarness();
  web = mkdtempSync(join(tmpdir(), "bangban-web-"));
  mkdirSync(join(web, "assets"));
  writeFileSync(join(web, "index.html"), "<!doctype html><title>帮办</title>");
  writeFileSync(join(web, "assets", "pdf.worker.min-abc.mjs"), "export {};");
  writeFileSync(join(web, "assets", "index-abc.js"), "export {};");
});
afterEach(async () => {
  await h.close();
  rmSync(web, { recursive: true, force: true });
});

describe("the built web UI's files", () => {
  it("serves ES modules (.js and pdf.js's .mjs worker) as JavaScript, which nosniff and module workers require", async () => {
    const app = createApp(h.services, { webDir: web });
    for (const path of ["/assets/index-abc.js", "/assets/pdf.worker.min-abc.mjs"]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get("content-type"), path).toBe("text/javascript; charset=utf-8");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
  });
});
