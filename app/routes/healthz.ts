import { healthReport } from "~/models/db/health.server";

/** For load balancers and monitoring: 200 while the database answers, with the state of Redis. */
export async function loader() {
  const report = await healthReport();
  return Response.json(report, { status: report.database === "ok" ? 200 : 503 });
}
