import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { t } from "~/i18n";
import { withUnitNames } from "~/models/case/lists.server";
import { loadCaseVocabulary, loadUnitNames } from "~/models/reference/reference-data.server";
import { listenForReferenceChanges } from "~/models/reference/kept.server";
import { useHttpApp } from "../support/http";

/** The administrator keeps the departments beside the townships, which the desk assigns to and asks to assist. */
const { signIn, request } = useHttpApp();
const post = (cookie: string, fields: Record<string, string>) =>
  request("/admin/townships", { method: "POST", cookie, body: new URLSearchParams(fields) });

describe("handling units", { timeout: 120_000 }, () => {
  // This process keeps the vocabulary as a web process does; the server's change reaches it through Redis.
  beforeAll(() => listenForReferenceChanges());
  const assigneeNames = async () => (await loadCaseVocabulary()).assignees.map((row) => row.name);

  it("an administrator adds a department, which the desk can then choose; taken out of use, it is offered no more", async () => {
    const cookie = await signIn("admin");
    expect(await assigneeNames()).not.toContain("区住房城乡建委");
    const added = await post(cookie, { intent: "addUnit", name: "区住房城乡建委" });
    expect(added.status).toBe(302);
    const unit = await prisma.township.findUniqueOrThrow({ where: { name: "区住房城乡建委" } });
    expect(unit).toMatchObject({ kind: "unit", active: true });
    await expect.poll(assigneeNames, { timeout: 5000 }).toContain("区住房城乡建委");
    // Not among the townships a case is reported in.
    expect((await loadCaseVocabulary()).townships.map((row) => row.name)).not.toContain("区住房城乡建委");

    const again = await post(cookie, { intent: "addUnit", name: "区住房城乡建委" });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain(t("error.unitNameTaken"));
    const township = await post(cookie, { intent: "addUnit", name: "古南街道" });
    expect(township.status).toBe(400);
    const short = await post(cookie, { intent: "addUnit", name: "建" });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain(t("error.unitNameLength"));

    expect((await post(cookie, { intent: "setUnitActive", unitId: String(unit.id), active: "false" })).status).toBe(302);
    await expect.poll(assigneeNames, { timeout: 5000 }).not.toContain("区住房城乡建委");
    // A township is not a unit this form changes.
    const gunan = await prisma.township.findUniqueOrThrow({ where: { name: "古南街道" } });
    expect((await post(cookie, { intent: "setUnitActive", unitId: String(gunan.id), active: "false" })).status).toBe(400);
    expect((await prisma.township.findUniqueOrThrow({ where: { id: gunan.id } })).active).toBe(true);
  });

  it("a unit written where no change was announced is still named in the lists at once", async () => {
    expect((await loadUnitNames()).size).toBeGreaterThan(0);
    // Written behind the application's back: nobody forgets the kept names.
    const unit = await prisma.township.create({ data: { name: "区水务局", kind: "unit" } });
    const [row] = await withUnitNames([{ townshipId: unit.id, assignedToId: unit.id }]);
    expect(row).toMatchObject({ township: { name: "区水务局" }, assignedTo: { name: "区水务局" } });
  });

  it("no one else keeps the units", async () => {
    const before = await prisma.township.count();
    const answer = await post(await signIn("dispatcher"), { intent: "addUnit", name: "区城管局" });
    expect(answer.status).toBe(403);
    expect(await prisma.township.count()).toBe(before);
  });
});
