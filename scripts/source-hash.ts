/**
 * What a build is made from, as one hash: the files `npm run build` reads (the application, the worker,
 * the CLI and scripts bundled with them, the public assets, the configuration and the locked dependencies).
 * `npm run build` records it in build/.sources; `npm start` builds only when it differs (scripts/build-if-stale.ts).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..");
export const STAMP = path.join(ROOT, "build", ".sources");

const INPUTS = [
  "app",
  "workers",
  "cli",
  "scripts",
  "public",
  "server.ts",
  "remix.config.js",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];
/** The build's own output inside the inputs. */
const SKIPPED = new Set([path.join(ROOT, "public", "build")]);

function filesUnder(entry: string): string[] {
  if (SKIPPED.has(entry) || !existsSync(entry)) return [];
  if (!statSync(entry).isDirectory()) return [entry];
  return readdirSync(entry)
    .sort()
    .flatMap((name) => filesUnder(path.join(entry, name)));
}

export function sourceHash(): string {
  const hash = createHash("sha256");
  for (const file of INPUTS.flatMap((input) => filesUnder(path.join(ROOT, input)))) {
    hash.update(path.relative(ROOT, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}
