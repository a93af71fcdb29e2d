/**
 * The web server: express serving the Remix build (and, later, the queue dashboard and the API).
 * `npm start` runs it beside the worker; `npm run web` runs it alone.
 */
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { config } from "~/config.server";
import { logger } from "~/logger.server";

export async function startWebServer(port = config().PORT) {
  const build = (await import(path.resolve(__dirname, "build/index.js"))) as ServerBuild;
  const app = express();
  app.disable("x-powered-by");
  app.use(compression());
  app.use("/build", express.static(path.join(__dirname, "public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(path.join(__dirname, "public"), { maxAge: "1h" }));
  app.all("*", createRequestHandler({ build, mode: config().NODE_ENV }));
  return new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const server = app.listen(port, () => {
      logger.info({ port }, `Greenline web server on http://localhost:${port}`);
      resolve(server);
    });
  });
}

if (require.main === module) {
  startWebServer().then((server) => {
    const shutdown = () => server.close(() => process.exit(0));
    process.once("SIGTERM", shutdown);
    process.once("SIGINT", shutdown);
  });
}
