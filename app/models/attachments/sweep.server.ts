import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { subDays } from "date-fns";
import { prisma } from "~/db.server";
import { derivedPath, incomingDir, objectPath, objectsDir } from "./store.server";

/** Files younger than this are spared: an upload may be on its way into a step's transaction. */
const SPARED_FOR_DAYS = 1;
const BATCH = 500;

/**
 * What no step kept (docs/security.md "Uploads"): uploads abandoned half-way in FILES_DIR/incoming, and
 * stored objects no attachment references (a step that failed after its files were moved into place),
 * each only once it is older than a day, with their image versions. Run by the worker on a schedule.
 */
export async function sweepUnreferencedFiles(now = new Date()) {
  const cutoff = subDays(now, SPARED_FOR_DAYS).getTime();
  let incoming = 0;
  for (const file of await filesUnder(incomingDir(), 0)) {
    if (file.modified < cutoff) {
      await rm(file.path, { force: true });
      incoming += 1;
    }
  }
  const candidates = (await filesUnder(objectsDir(), 2)).filter(
    (file) => file.modified < cutoff && /^[0-9a-f]{64}$/.test(path.basename(file.path)),
  );
  let objects = 0;
  for (let start = 0; start < candidates.length; start += BATCH) {
    const hashes = candidates.slice(start, start + BATCH).map((file) => path.basename(file.path));
    const referenced = await prisma.storedFile.findMany({ where: { sha256: { in: hashes } }, select: { sha256: true } });
    const kept = new Set(referenced.map((row) => row.sha256));
    for (const sha256 of hashes.filter((hash) => !kept.has(hash))) {
      await rm(objectPath(sha256), { force: true });
      await rm(derivedPath(sha256, "thumb"), { force: true });
      await rm(derivedPath(sha256, "screen"), { force: true });
      objects += 1;
    }
  }
  return { incoming, objects };
}

/** The plain files `depth` directory levels below `dir` (objects sit two shard levels down), with their modification times. */
async function filesUnder(dir: string, depth: number): Promise<{ path: string; modified: number }[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return []; // nothing stored yet
  }
  const found: { path: string; modified: number }[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (depth > 0 && entry.isDirectory()) found.push(...(await filesUnder(full, depth - 1)));
    else if (depth === 0 && entry.isFile()) found.push({ path: full, modified: (await stat(full)).mtimeMs });
  }
  return found;
}
