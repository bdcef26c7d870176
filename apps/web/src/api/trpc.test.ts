import { describe, expect, it } from "vitest";
import { unbatchable } from "./trpc";

describe("unbatchable (the server refuses these in a batch)", () => {
  it("sends sign-in, unlock and the public progress query one per request", () => {
    for (const p of ["auth.login", "auth.pinLogin", "auth.unlock", "auth.me", "public.progress"])
      expect(unbatchable(p), p).toBe(true);
  });

  it("batches everything else", () => {
    for (const p of ["cases.list", "catalog.list", "admin.users.list", "system.status"])
      expect(unbatchable(p), p).toBe(false);
  });
});
