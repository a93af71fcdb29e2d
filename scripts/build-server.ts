/**
 * Builds the processes production runs — the web server, the worker and the `npm start` supervisor —
 * into JavaScript bundles in build/server/, so that nothing is compiled at run time (tsx stays for
 * development, tests of sources, and the CLI). Dependencies stay in node_modules.
 */
import path from "node:path";
import { writeFileSync } from "node:fs";
import { build, type Plugin } from "esbuild";
import { STAMP, sourceHash } from "./source-hash";

const ROOT = path.resolve(__dirname, "..");
const OUT = path.join(ROOT, "build/server");

/**
 * Packages (and Node's modules) are required from node_modules at run time; the project's own code
 * under `~/`, the generated Prisma clients included (TypeScript, as Remix also bundles them), is bundled.
 */
const dependenciesStayPut: Plugin = {
  name: "dependencies-stay-put",
  setup(context) {
    context.onResolve({ filter: /^[^./~]/ }, (args) => ({ path: args.path, external: true }));
  },
};

async function main() {
  // Hashed before building: an edit made while the build runs makes the next start build again.
  const sources = sourceHash();
  await build({
    entryPoints: { web: "server.ts", worker: "workers/index.ts", start: "scripts/start.ts" },
    absWorkingDir: ROOT,
    outdir: OUT,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: true,
    tsconfig: "tsconfig.json",
    plugins: [dependenciesStayPut],
    logLevel: "warning",
  });
  // The client's bundle (remix build) ran first: both halves are of these sources now.
  writeFileSync(STAMP, `${sources}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
