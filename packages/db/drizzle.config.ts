import { defineConfig } from "drizzle-kit";

// Only `generate` is used: migrations are checked in and applied by openDb() at start-up.
export default defineConfig({
  dialect: "turso",
  schema: "./src/schema.ts",
  out: "./drizzle",
});
