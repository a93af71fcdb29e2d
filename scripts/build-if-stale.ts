/**
 * `npm start`'s first step: `npm run build` only when the sources differ from those the last build was
 * made from (scripts/source-hash.ts), so that starting an unchanged installation takes no build.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, STAMP, sourceHash } from "./source-hash";

const built = existsSync(path.join(ROOT, "build", "server", "start.js")) && existsSync(STAMP);
if (!built || readFileSync(STAMP, "utf8").trim() !== sourceHash()) {
  const build = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
  process.exit(build.status ?? 1);
}
