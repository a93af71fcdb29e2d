import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { TMP_DIR, createTemplate, dropTemplate, templateUrl } from "./databases";

/** Migrates one template database (SQLite file or PostgreSQL database); each test file copies it. */
export default function setup() {
  process.env.GREENLINE_TEST_RUN = String(process.pid);
  rmSync(TMP_DIR, { recursive: true, force: true });
  mkdirSync(TMP_DIR, { recursive: true });
  createTemplate();
  execFileSync(process.execPath, [path.resolve(__dirname, "../../bin/greenline.cjs"), "migrate"], {
    env: { ...process.env, DATABASE_URL: templateUrl(), DATA_DIR: TMP_DIR },
    stdio: "pipe",
  });
  return () => {
    dropTemplate();
    rmSync(TMP_DIR, { recursive: true, force: true });
  };
}
