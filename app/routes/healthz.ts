import { prisma } from "~/db.server";
import { deadlineProcessingStatus } from "~/redis.server";

/** For load balancers and monitoring: 200 while the database answers, with the state of Redis. */
export async function loader() {
  let database = "ok";
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
  } catch {
    database = "unavailable";
  }
  const deadlines = await deadlineProcessingStatus();
  return Response.json({ database, deadlines }, { status: database === "ok" ? 200 : 503 });
}
