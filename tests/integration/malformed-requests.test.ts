import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import type { Role } from "~/domain/roles";
import { API_SCOPES } from "~/domain/api-keys";
import { createApiKey } from "~/models/transfers-in/api-keys.server";
import { type TestAccount, startApp, usernameOf } from "../support/browser";
import { httpClient } from "../support/http";
import { API_KEY_PLACEHOLDER, malformedRequests } from "../corpus/malformed-requests";

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp({}, { demoData: true });
});
afterAll(async () => {
  await app?.stop();
});

const { signIn, request } = httpClient(() => app.baseUrl);

/** Rows of every table a request could change; the security log and sign-in counters may grow. */
async function tableCounts() {
  const counts = await Promise.all([
    prisma.case.count(),
    prisma.auditEvent.count(),
    prisma.caseMilestone.count(),
    prisma.extension.count(),
    prisma.user.count(),
    prisma.userSession.count(),
    prisma.notification.count({ where: { readAt: null } }),
    prisma.setting.count(),
    prisma.deadlinePolicy.count(),
    prisma.holidayDate.count(),
    prisma.caseParty.count(),
    prisma.mediationSession.count(),
    prisma.agreementObligation.count(),
    prisma.attachment.count(),
    prisma.complainantMessage.count(),
    prisma.partner.count(),
    prisma.caseTransfer.count(),
    prisma.case.count({ where: { sourceStage: { not: null } } }),
    prisma.savedFilter.count(),
    prisma.replyTemplate.count(),
    prisma.knowledgeEntry.count(),
    prisma.regulatedUnit.count(),
    prisma.repeatReportWarning.count(),
    prisma.repeatReportCase.count(),
    prisma.creditGrade.count(),
    prisma.unitCard.count(),
    prisma.unitCard.count({ where: { state: "inForce" } }),
    prisma.case.count({ where: { respondentId: { not: null } } }),
    prisma.township.count(),
    prisma.township.count({ where: { active: true } }),
    prisma.caseReturn.count(),
    prisma.caseAssignment.count(),
    prisma.clockPause.count(),
    prisma.assistingPart.count(),
    prisma.assistingPart.count({ where: { submittedAt: { not: null } } }),
    prisma.caseMilestone.count({ where: { pausedAt: { not: null } } }),
    prisma.caseAssignment.count({ where: { signedForAt: { not: null } } }),
    prisma.caseReturn.count({ where: { decidedAt: { not: null } } }),
    prisma.case.count({ where: { problemSince: { not: null } } }),
  ]);
  const users = await prisma.user.findMany({
    select: { id: true, displayName: true, role: true, townshipId: true, passwordHash: true, active: true },
  });
  return { counts, users };
}

// Parts of the corpus small enough to stay well under a minute each on a loaded machine (vitest's worker
// reports to the main process with a one-minute timeout, and one long test trips it).
const PART_SIZE = 250;
const PARTS = Math.ceil(
  malformedRequests({ caseNos: { complaint: "", petition: "", mediation: "" }, userId: 0 }).length / PART_SIZE,
);

describe("the malformed-request corpus", { timeout: 120_000 }, () => {
  let corpus: ReturnType<typeof malformedRequests>;
  const cookies = new Map<Role, string>();
  let key: string;
  let before: Awaited<ReturnType<typeof tableCounts>>;
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    const pick = (kind: string) =>
      prisma.case.findFirstOrThrow({ where: { kind }, orderBy: { id: "asc" }, select: { caseNo: true } });
    const [complaint, petition, mediation] = await Promise.all([pick("complaint"), pick("petition"), pick("mediation")]);
    const userId = (await prisma.user.findUniqueOrThrow({ where: { username: usernameOf("wenlong") } })).id;
    corpus = malformedRequests({
      caseNos: { complaint: complaint.caseNo, petition: petition.caseNo, mediation: mediation.caseNo },
      userId,
    });
    const accounts = {
      operator: "operator",
      dispatcher: "dispatcher",
      township: "gunan",
      leader: "leader",
      admin: "admin",
    } as const;
    for (const [role, account] of Object.entries(accounts) as [Role, TestAccount][]) cookies.set(role, await signIn(account));
    // A key of every scope, for the JSON API's part of the corpus.
    ({ key } = await createApiKey({ name: "corpus", scopes: [...API_SCOPES], channel: "transfer12345", rateLimit: 100_000 }));
    before = await tableCounts();
  }, 120_000);

  const send = async (entry: ReturnType<typeof malformedRequests>[number], failures: string[]) => {
    const response = await request(entry.path, {
      method: entry.method,
      cookie: entry.as ? cookies.get(entry.as) : undefined,
      headers: {
        ...(entry.contentType ? { "content-type": entry.contentType } : {}),
        ...(entry.bearer ? { authorization: `Bearer ${key}` } : {}),
      },
      body: entry.body?.replace(API_KEY_PLACEHOLDER, key),
    });
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    const text = await response.text();
    if (response.status >= 500) failures.push(`${response.status} ${entry.name}: ${text.slice(0, 200)}`);
  };

  for (let part = 0; part < PARTS; part += 1) {
    it(`gets no 5xx for any request of part ${part + 1} of ${PARTS}`, async () => {
      expect(corpus.length).toBeGreaterThanOrEqual(300);
      const failures: string[] = [];
      // Four at a time, as several browser tabs would send them.
      const queue = corpus.slice(part * PART_SIZE, (part + 1) * PART_SIZE);
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          for (let entry = queue.shift(); entry; entry = queue.shift()) await send(entry, failures);
        }),
      );
      expect(failures).toEqual([]);
    });
  }

  it("changed nothing, and signed nobody out", async () => {
    expect(await tableCounts()).toEqual(before);
    // The sessions the corpus began with are all still open: no bad request signed anybody out.
    for (const cookie of cookies.values()) expect((await request("/cases", { cookie })).status).toBe(200);
    console.info(`malformed-request corpus: ${corpus.length} requests; statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  });
});
