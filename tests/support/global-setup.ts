import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";

export const TMP_DIR = path.resolve(__dirname, "../.tmp");
export const TEMPLATE_DB = path.join(TMP_DIR, "template.db");

/** Migrates one template database; each test file copies it (tests/support/test-env.ts). */
export default function setup() {
  rmSync(TMP_DIR, { recursive: true, force: true });
  mkdirSync(TMP_DIR, { recursive: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${TEMPLATE_DB}` },
    stdio: "pipe",
  });
  return () => rmSync(TMP_DIR, { recursive: true, force: true });
}
