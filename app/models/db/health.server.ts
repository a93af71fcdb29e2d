import { prisma } from "~/db.server";
import { deadlineProcessingStatus } from "~/redis.server";

/** What `/healthz` reports: whether the database answers, and whether deadlines are being enforced. */
export async function healthReport() {
  let database: "ok" | "unavailable" = "ok";
  try {
    await prisma.$queryRawUnsafe("SELECT 1");
  } catch {
    database = "unavailable";
  }
  return { database, deadlines: await deadlineProcessingStatus() };
}
