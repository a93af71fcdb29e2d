import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * The project folder, found from wherever this code runs: the TypeScript sources under tsx, or the
 * JavaScript bundles in build/server/ that production runs (README "Design notes"). Files shipped with
 * the code (the Remix build, migrations, reference data) are found from here, never from the caller's
 * working directory.
 */
function findProjectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "greenline") {
      return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`no Greenline package.json above ${start}`);
  }
}

export const PROJECT_ROOT = findProjectRoot(__dirname);

export const projectPath = (...segments: string[]) => path.join(PROJECT_ROOT, ...segments);
