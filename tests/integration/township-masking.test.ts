import { describe, expect, it } from "vitest";
import type { CaseChange } from "~/forms/case-actions";
import { prisma } from "~/db.server";
import { changeCase, registerCase } from "~/models/case/service.server";
import { useHttpApp } from "../support/http";
import { act, at, intakeFields, makeActor, townshipId } from "../support/fixtures";

const { signIn, request } = useHttpApp();

/** What identifies the applicant, a person: none of it may reach 古南街道's staff, in any form. */
const CONFIDENTIAL = ["周建国", "建国", "13700001111", "滨河路2号"];

describe("a township user's view of a mediation", { timeout: 120_000 }, () => {
  it("never contains the applicant's name, phone or address: page, page data, history, print, export, search", async () => {
    const operator = await makeActor("operator");
    const dispatcher = await makeActor("dispatcher");
    const created = await registerCase(
      operator,
      await intakeFields({
        kind: "mediation",
        channel: "visit",
        receivedAt: at("2026-03-02 09:00"),
        complainantName: "周建国",
        complainantPhone: "13700001111",
      }),
      {
        now: at("2026-03-02 09:00"),
        scheduleJobs: false,
        mediation: {
          claim: "周建国要求赔偿农作物损失 8000 元",
          relatedCaseNo: null,
          parties: [
            { role: "applicant", type: "person", name: "周建国", phone: "13700001111", address: "古南街道滨河路2号" },
            { role: "respondent", type: "unit", name: "恒达石材厂", phone: "023-48600000", address: "古南街道工业园3号" },
          ],
        },
      },
    );
    const steps: [CaseChange, string][] = [
      [{ action: "accept" }, "2026-03-03 09:00"],
      [{ action: "assign", assigneeId: await townshipId("古南街道") }, "2026-03-03 10:00"],
      [{ action: "note", text: "已电话联系周建国（13700001111），约定调解时间。" }, "2026-03-04 10:00"],
      [
        {
          action: "mediationSession",
          session: {
            status: "held",
            scheduledAt: at("2026-03-10 09:30"),
            place: "调解室",
            mediatorIds: [dispatcher.id],
            attendees: "周建国、恒达石材厂代表",
            notes: "周建国称损失 8000 元",
          },
        },
        "2026-03-10 11:00",
      ],
      [
        {
          action: "concludeMediation",
          outcome: "agreement",
          text: "恒达石材厂赔偿周建国 6000 元。",
          obligations: [{ party: "恒达石材厂", obligation: "向周建国支付 6000 元", dueDate: "2026-03-31" }],
        },
        "2026-03-11 10:00",
      ],
    ];
    for (const [change, when] of steps) {
      await act(dispatcher, created.caseNo, change, when);
    }

    const dispatcherCookie = await signIn("dispatcher");
    const full = await (await request(`/cases/${created.caseNo}`, { cookie: dispatcherCookie })).text();
    expect(full).toContain("周建国"); // the bureau's own staff see it: the test would notice a page that shows nothing

    const cookie = await signIn("gunan");
    const paths = [
      `/cases/${created.caseNo}`,
      `/cases/${created.caseNo}.data`,
      `/cases/${created.caseNo}/print/agreement`,
      `/cases/${created.caseNo}_.print.agreement.data`,
      `/cases?q=${encodeURIComponent("石材厂")}`,
      `/cases?q=${encodeURIComponent(created.caseNo)}`,
      `/cases?kind=mediation`,
      `/cases/export?format=csv&kind=mediation`,
      `/inbox`,
      `/`,
    ];
    let seen = 0;
    for (const path of paths) {
      const response = await request(path, { cookie });
      if (response.status === 404 && path.includes("_.print")) continue;
      expect(response.status, path).toBe(200);
      const body = await response.text();
      if (body.includes(created.caseNo)) seen += 1;
      for (const text of CONFIDENTIAL) expect(body, `${path} shows ${text}`).not.toContain(text);
    }
    expect(seen).toBeGreaterThanOrEqual(5);
  });
});

/** The complaint: the complainant wrote their name, phone (twice, spaced two ways) and ID into the description. */
const IN_FREE_TEXT = ["赵六六", "136 5555 6666", "136-5555-6666", "13655556666", "500222198001011234", "19800101"];

describe("a township user's view of identities written in free text", { timeout: 120_000 }, () => {
  it("masks phones in any spacing, ID numbers and the complainant's name in the description, notes and captions; search finds only what they see", async () => {
    const operator = await makeActor("operator");
    const dispatcher = await makeActor("dispatcher");
    const created = await registerCase(
      operator,
      await intakeFields({
        receivedAt: at("2026-03-02 09:00"),
        complainantName: "赵六六",
        complainantPhone: "13655556666",
        subject: "夜间施工",
        description: "投诉人赵六六（电话 136 5555 6666，身份证 500222198001011234）反映工地夜间施工噪声，联系 136-5555-6666。",
      }),
      { now: at("2026-03-02 09:00"), scheduleJobs: false },
    );
    await act(dispatcher, created.caseNo, { action: "accept" }, "2026-03-02 10:00");
    await act(dispatcher, created.caseNo, { action: "assign", assigneeId: await townshipId("古南街道") }, "2026-03-02 10:05");
    const { version } = await prisma.case.findUniqueOrThrow({ where: { caseNo: created.caseNo } });
    await changeCase(
      dispatcher,
      created.caseNo,
      version,
      { action: "note", text: "请尽快联系赵六六 136 5555 6666。" },
      {
        now: at("2026-03-02 10:10"),
        scheduleJobs: false,
        attachments: [
          {
            sha256: "c".repeat(64),
            size: 100,
            contentType: "application/pdf",
            fileName: "来信.pdf",
            kind: "letterScan",
            caption: "赵六六来信，电话 136-5555-6666",
            confidential: false,
          },
        ],
      },
    );

    const desk = await signIn("dispatcher");
    const deskPage = await (await request(`/cases/${created.caseNo}`, { cookie: desk })).text();
    expect(deskPage).toContain("136 5555 6666"); // the desk sees what was typed
    const deskSearch = await (await request(`/cases?q=${encodeURIComponent("赵六六")}`, { cookie: desk })).text();
    expect(deskSearch).toContain(created.caseNo);

    const cookie = await signIn("gunan");
    for (const path of [`/cases/${created.caseNo}`, `/cases/${created.caseNo}.data`, `/cases/export?format=csv`]) {
      const response = await request(path, { cookie });
      expect(response.status, path).toBe(200);
      const body = await response.text();
      expect(body, path).toContain(path.includes("export") ? created.caseNo : "136****6666");
      for (const text of IN_FREE_TEXT) expect(body, `${path} shows ${text}`).not.toContain(text);
    }
    // A guess at the masked name or number confirms nothing; what the township sees still finds the case.
    for (const guess of ["赵六六", "13655556666", "5555 6666"]) {
      const found = await (await request(`/cases?q=${encodeURIComponent(guess)}`, { cookie })).text();
      expect(found, guess).not.toContain(created.caseNo);
    }
    const visible = await (await request(`/cases?q=${encodeURIComponent("夜间施工噪声")}`, { cookie })).text();
    expect(visible).toContain(created.caseNo);
  });
});
