/**
 * The web server: express serving the Remix build and the queue dashboard (and, later, the API).
 * `npm start` runs its build (build/server/web.js) beside the worker; `npm run web` runs the source alone.
 */
import cluster from "node:cluster";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import { config } from "~/config.server";
import {
  clientAddress,
  closeWhenBodyUnread,
  crossSiteGuard,
  formBodyGuard,
  securityHeaders,
  trustProxySetting,
} from "~/http-guards.server";
import { logger } from "~/logger.server";
import { listenForReferenceChanges } from "~/models/reference/kept.server";
import { projectPath } from "~/paths.server";
import { queueOf } from "~/models/jobs/queues.server";
import { JOBS } from "~/models/jobs/registry.server";
import { CLIENT_ADDRESS_HEADER, getSignedInUser, recordRefusal } from "~/session.server";

const QUEUE_DASHBOARD_PATH = "/admin/queues";

/** The BullMQ dashboard, for signed-in administrators only. */
function queueDashboard() {
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: JOBS.map(queueOf).map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
  });
  const requireAdmin: express.RequestHandler = async (req, res, next) => {
    try {
      const request = new Request(`${req.protocol}://${req.get("host")}${req.originalUrl}`, {
        headers: { cookie: req.headers.cookie ?? "", [CLIENT_ADDRESS_HEADER]: String(req.headers[CLIENT_ADDRESS_HEADER]) },
      });
      const user = await getSignedInUser(request);
      if (!user) return res.redirect(`/login?redirectTo=${encodeURIComponent(req.originalUrl)}`);
      if (user.role === "admin") return next();
      await recordRefusal(request, user);
      res.status(403).send("Forbidden");
    } catch (error) {
      logger.warn({ err: error, path: req.path }, "queue dashboard request refused");
      res.status(400).send("Bad request");
    }
  };
  return [requireAdmin, serverAdapter.getRouter()];
}

export async function startWebServer(port = config().PORT) {
  const build = (await import(projectPath("build/index.js"))) as ServerBuild;
  void listenForReferenceChanges();
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxySetting(config().TRUST_PROXY));
  app.use(clientAddress, closeWhenBodyUnread, ...securityHeaders());
  // Which process answered: for operators of a multi-process installation, and for its tests.
  app.use((_req, res, next) => {
    res.setHeader("X-Greenline-Process", String(process.pid));
    next();
  });
  app.use(compression());
  app.use("/build", express.static(projectPath("public/build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(projectPath("public"), { maxAge: "1h" }));
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
  app.use(crossSiteGuard);
  app.use(QUEUE_DASHBOARD_PATH, ...queueDashboard());
  app.all(
    "*",
    formBodyGuard,
    createRequestHandler({ build, mode: config().NODE_ENV, getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce }) }),
  );
  return new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const server = app.listen(port, () => {
      const actualPort = (server.address() as { port: number }).port;
      logger.info({ port: actualPort }, `Greenline web server on http://localhost:${actualPort}`);
      resolve(server);
    });
  });
}

/**
 * WEB_PROCESSES > 1: this process forks that many web processes sharing the port (Node's cluster
 * module balances connections between them), restarts one that dies, and stops them all on SIGTERM.
 */
function runCluster(processes: number) {
  let stopping = false;
  for (let i = 0; i < processes; i += 1) cluster.fork();
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, "web process died; starting another");
    cluster.fork();
  });
  const shutdown = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
}

if (require.main === module) {
  const processes = config().WEB_PROCESSES;
  if (processes > 1 && cluster.isPrimary) {
    runCluster(processes);
  } else {
    startWebServer().then((server) => {
      const shutdown = () => server.close(() => process.exit(0));
      process.once("SIGTERM", shutdown);
      process.once("SIGINT", shutdown);
    });
  }
}
