import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseChange } from "~/forms/case-actions";
import { registerCase } from "~/models/case/service.server";
import { startApp } from "../support/browser";
import { httpClient } from "../support/http";
import { act, at, intakeFields, makeActor, townshipId } from "../support/fixtures";

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp();
});
afterAll(async () => {
  await app?.stop();
});

const { signIn, request } = httpClient(() => app.baseUrl);

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
