import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { get as httpGet } from "node:http";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { t, tKey } from "~/i18n";
import { deriveImages } from "~/models/attachments/images.server";
import { incomingDir, objectPath, objectsDir } from "~/models/attachments/store.server";
import { sweepUnreferencedFiles } from "~/models/attachments/sweep.server";
import { accountActor, startApp } from "../support/browser";
import { assignedCase, townshipId } from "../support/fixtures";
import { httpClient } from "../support/http";

// Small limits, so that "too large" needs no large file: 1 MB a file, 3 MB a case, 4 MB an hour per account. Two web processes,
// so that a file stored through one is served by the other (decision 0014).
let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp({
    ATTACHMENT_MAX_MB: "1",
    CASE_ATTACHMENTS_MAX_MB: "3",
    UPLOAD_MB_PER_USER_HOUR: "4",
    WEB_PROCESSES: "2",
  });
});
afterAll(async () => {
  await app?.stop();
});

const { signIn, request } = httpClient(() => app.baseUrl);

/** A complaint assigned to 古南街道, set up by the test accounts (urgent ones call for an on-site visit). */
async function assignedComplaint(subject: string, urgency: "normal" | "urgent" = "normal") {
  const world = { operator: await accountActor("operator"), dispatcher: await accountActor("dispatcher") };
  return assignedCase(world, new Date(), { subject, urgency });
}

/** A photo as a phone takes it: turned by EXIF orientation 6, with a GPS position and the camera's name. */
const phonePhoto = (width = 1200, height = 900) =>
  sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 60 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: "TestPhone" },
      IFD3: { GPSMapDatum: "WGS-84", GPSLatitudeRef: "N", GPSLatitude: "29/1 1/1 30/1" },
    })
    .toBuffer();

const wav = (bytes: number, content: Buffer = Buffer.alloc(bytes, 7)) => {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(36 + bytes, 4);
  header.write("WAVEfmt ", 8, "latin1");
  return Buffer.concat([header, content]);
};
/** A recording no other test sends, so that storing it by content cannot hide a new file. */
const uniqueWav = (bytes: number) => wav(bytes, randomBytes(bytes));

/** Every file under FILES_DIR's objects and incoming folders, wherever it sits. */
const storedFiles = () =>
  [objectsDir(), incomingDir()]
    .flatMap((dir) =>
      existsSync(dir) ? (readdirSync(dir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[]) : [],
    )
    .filter((entry) => entry.isFile()).length;

/** Posts one step of the case page as its multipart form does. */
async function postStep(
  cookie: string,
  caseNo: string,
  fields: Record<string, string>,
  files: { name: string; content: Buffer; type?: string }[] = [],
) {
  const form = new FormData();
  const { version } = await prisma.case.findUniqueOrThrow({ where: { caseNo }, select: { version: true } });
  form.set("version", String(version));
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  for (const file of files)
    form.append("files", new Blob([new Uint8Array(file.content)], { type: file.type ?? "application/octet-stream" }), file.name);
  if (files.length === 0) form.append("files", new Blob([]), "");
  return request(`/cases/${caseNo}`, { method: "POST", cookie, body: form });
}

/** A GET on a connection of its own (Node's cluster hands each connection to one process). */
function getOnNewConnection(path: string, cookie: string) {
  return new Promise<{ status: number; process: string | null; body: Buffer }>((resolve, reject) => {
    const request = httpGet(`${app.baseUrl}${path}`, { agent: false, headers: { cookie } }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () =>
        resolve({
          status: response.statusCode ?? 0,
          process: (response.headers["x-greenline-process"] as string | undefined) ?? null,
          body: Buffer.concat(chunks),
        }),
      );
    });
    request.on("error", reject);
  });
}

const steps = (caseId: number, action: string) => prisma.auditEvent.count({ where: { caseId, action } });

describe("attachments", { timeout: 180_000 }, () => {
  it("keeps a site visit's two photos with its step, once each, and shows them only without their metadata", async () => {
    const created = await assignedComplaint("石材厂粉尘", "urgent");
    const township = await signIn("gunan");
    const [photo, second] = [await phonePhoto(), await phonePhoto(800, 600)];
    const response = await postStep(
      township,
      created.caseNo,
      { intent: "onSite", text: "现场烟囱冒黑烟，已拍照。", attachmentCaption: "烟囱", submissionKey: "visit-key-0001" },
      [
        { name: "IMG_0001.jpg", content: photo, type: "image/jpeg" },
        { name: "IMG_0002.jpg", content: second, type: "image/jpeg" },
      ],
    );
    expect(response.status, /flash-error[^>]*>([^<]*)/.exec(await response.clone().text())?.[1]).toBe(302);
    const storedBy = response.headers.get("x-greenline-process");
    const attachments = await prisma.attachment.findMany({ where: { caseId: created.id }, include: { file: true } });
    expect(attachments.map((a) => [a.action, a.kind, a.caption, a.round])).toEqual([
      ["onSite", "sitePhoto", "烟囱", 1],
      ["onSite", "sitePhoto", "烟囱", 1],
    ]);
    const event = await prisma.auditEvent.findFirstOrThrow({ where: { caseId: created.id, action: "onSite" } });
    expect(attachments.every((a) => a.auditEventId === event.id)).toBe(true);
    // Stored once by content, unchanged.
    expect(readFileSync(objectPath(attachments[0].sha256)).equals(photo)).toBe(true);

    // The worker's versions: upright, scaled, without GPS or camera; the original keeps both.
    expect(await deriveImages(attachments[0].sha256)).toBe("ready");
    const screen = await request(`/cases/${created.caseNo}/attachments/${attachments[0].id}?variant=screen`, {
      cookie: township,
    });
    expect(screen.status).toBe(200);
    expect(screen.headers.get("content-type")).toBe("image/webp");
    expect(screen.headers.get("x-content-type-options")).toBe("nosniff");
    const shown = Buffer.from(await screen.arrayBuffer());
    const shownMeta = await sharp(shown).metadata();
    expect([shownMeta.width, shownMeta.height]).toEqual([900, 1200]); // turned upright
    expect(shownMeta.exif).toBeUndefined();
    expect(shown.toString("latin1")).not.toContain("WGS-84");
    expect(shown.toString("latin1")).not.toContain("TestPhone");
    // Township staff asking for the original get the screen version; the desk gets the original.
    const asked = await request(`/cases/${created.caseNo}/attachments/${attachments[0].id}?variant=original`, {
      cookie: township,
    });
    expect(Buffer.from(await asked.arrayBuffer()).toString("latin1")).not.toContain("WGS-84");
    const dispatcher = await signIn("dispatcher");
    const original = await request(`/cases/${created.caseNo}/attachments/${attachments[0].id}?variant=original`, {
      cookie: dispatcher,
    });
    expect(original.headers.get("content-disposition")).toMatch(/^attachment; filename\*=UTF-8''IMG_0001\.jpg$/);
    const originalBytes = Buffer.from(await original.arrayBuffer());
    expect(originalBytes.equals(photo)).toBe(true);
    expect(originalBytes.toString("latin1")).toContain("WGS-84");

    // Every web process serves every file: ask on new connections until the other process answers.
    let servedBy = storedBy;
    for (let attempt = 0; attempt < 50 && servedBy === storedBy; attempt += 1) {
      const answer = await getOnNewConnection(
        `/cases/${created.caseNo}/attachments/${attachments[1].id}?variant=original`,
        dispatcher,
      );
      expect(answer.status).toBe(200);
      expect(answer.body.equals(second)).toBe(true);
      servedBy = answer.process;
    }
    expect(servedBy).not.toBe(storedBy);

    // The case page shows them with their step and in the timeline.
    const page = await (await request(`/cases/${created.caseNo}`, { cookie: township })).text();
    expect(page).toContain(`/cases/${created.caseNo}/attachments/${attachments[0].id}?variant=thumb`);
    expect(page).toContain(t("attachment.step", { action: tKey("action", "onSite"), round: 1 }));

    // The case's printed record shows the photo's thumbnail; the ledger counts the attachments.
    const print = await (await request(`/cases/${created.caseNo}/print/record`, { cookie: township })).text();
    expect(print).toContain(`/cases/${created.caseNo}/attachments/${attachments[0].id}?variant=thumb`);
    const ledger = await (
      await request(`/cases/export?format=csv&q=${encodeURIComponent(created.caseNo)}`, { cookie: dispatcher })
    ).text();
    const [header, row] = ledger.replace(/^\uFEFF/, "").split(/\r?\n/);
    expect(row.split(",")[header.split(",").indexOf("附件数")]).toBe("2");
  });

  it("refuses, with the file's name and the reason, what it cannot keep, and records nothing of that submission", async () => {
    const created = await assignedComplaint("汽修厂废油");
    const township = await signIn("gunan");
    const cases: [string, { name: string; content: Buffer; type?: string }, string][] = [
      ["not a photo", { name: "photo.jpg", content: Buffer.from("<script>alert(1)</script>") }, "photo.jpg：不支持的文件类型"],
      ["empty", { name: "empty.jpg", content: Buffer.alloc(0) }, "empty.jpg：文件为空"],
      [
        "content and name disagree",
        { name: "scan.jpg", content: Buffer.from("%PDF-1.7\n%…") },
        "scan.jpg：文件内容与文件名的类型不符",
      ],
      ["too large", { name: "call.wav", content: wav(1024 * 1024 + 1) }, "call.wav：超过单个文件 1 MB 的上限"],
    ];
    for (const [label, file, message] of cases) {
      const response = await postStep(township, created.caseNo, { intent: "note", text: `已到现场（${label}）` }, [file]);
      expect(response.status, label).toBe(400);
      const html = await response.text();
      expect(html, label).toContain(message);
      expect(html, label).toContain(`已到现场（${label}）`); // what was typed stays
    }
    expect(await steps(created.id, "note")).toBe(0);
    expect(await prisma.attachment.count({ where: { caseId: created.id } })).toBe(0);

    // The case's total: three files of 0.9 MB fit, a fourth does not.
    for (let n = 1; n <= 3; n += 1) {
      const ok = await postStep(township, created.caseNo, { intent: "note", text: `录音 ${n}` }, [
        { name: `call-${n}.wav`, content: wav(900 * 1024 + n) },
      ]);
      expect(ok.status).toBe(302);
    }
    const full = await postStep(township, created.caseNo, { intent: "note", text: "录音 4" }, [
      { name: "call-4.wav", content: wav(900 * 1024 + 4) },
    ]);
    expect(full.status).toBe(400);
    expect(await full.text()).toContain("call-4.wav：本案附件总量已达 3 MB 的上限");
  });

  it("sends audio in byte ranges, and another township's attachment is not found", async () => {
    const created = await assignedComplaint("夜间噪声录音");
    const township = await signIn("gunan");
    const recording = wav(10_000);
    expect(
      (await postStep(township, created.caseNo, { intent: "note", text: "来电录音" }, [{ name: "来电.wav", content: recording }]))
        .status,
    ).toBe(302);
    const attachment = await prisma.attachment.findFirstOrThrow({ where: { caseId: created.id } });
    expect(attachment.kind).toBe("recording");
    const url = `/cases/${created.caseNo}/attachments/${attachment.id}`;
    const part = await request(url, { cookie: township, headers: { range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${recording.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(recording.subarray(100, 200))).toBe(true);
    expect((await request(url, { cookie: township, headers: { range: "bytes=999999-" } })).status).toBe(416);

    const other = await signIn("wenlong");
    expect((await request(url, { cookie: other })).status).toBe(404);
    expect((await request(`/cases/${created.caseNo}/attachments/999999`, { cookie: township })).status).toBe(404);
  });

  it("hides a confidential attachment from township staff, and a withdrawn one from all but the desk, auditing both", async () => {
    const created = await assignedComplaint("身份证复印件");
    const dispatcher = await signIn("dispatcher");
    const letter = Buffer.from("%PDF-1.7\n投诉人身份证复印件");
    const posted = await postStep(
      dispatcher,
      created.caseNo,
      { intent: "note", text: "收到来信及身份证复印件", attachmentKind: "letterScan", attachmentConfidential: "on" },
      [{ name: "来信.pdf", content: letter, type: "application/pdf" }],
    );
    expect(posted.status, await posted.clone().text()).toBe(302);
    const confidential = await prisma.attachment.findFirstOrThrow({ where: { caseId: created.id } });
    expect(confidential).toMatchObject({ confidential: true, kind: "letterScan" });
    const township = await signIn("gunan");
    const url = `/cases/${created.caseNo}/attachments/${confidential.id}`;
    expect((await request(url, { cookie: township })).status).toBe(404);
    expect(await (await request(`/cases/${created.caseNo}`, { cookie: township })).text()).not.toContain("来信.pdf");
    expect((await request(url, { cookie: dispatcher })).status).toBe(200);

    const withdrawn = await postStep(dispatcher, created.caseNo, {
      intent: "withdrawAttachment",
      attachmentId: String(confidential.id),
      reason: "误传，应由信访科留存纸质件",
    });
    expect(withdrawn.status).toBe(302);
    const after = await prisma.attachment.findUniqueOrThrow({ where: { id: confidential.id } });
    expect(after.withdrawnAt).not.toBeNull();
    expect(after.withdrawReason).toBe("误传，应由信访科留存纸质件");
    expect(await steps(created.id, "withdrawAttachment")).toBe(1);
    // Still in the record for the desk, with the reason; never deleted.
    expect(await (await request(`/cases/${created.caseNo}`, { cookie: dispatcher })).text()).toContain(
      "误传，应由信访科留存纸质件",
    );
    await expect(prisma.attachment.delete({ where: { id: confidential.id } })).rejects.toThrow();
  });

  it("keeps a photo the image library cannot decode (HEIC), and offers it as a download with a note", async () => {
    const created = await assignedComplaint("手机原图");
    const township = await signIn("gunan");
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypheic"), Buffer.alloc(2000, 3)]);
    expect(
      (
        await postStep(township, created.caseNo, { intent: "note", text: "现场照片（原图）" }, [
          { name: "IMG_0100.HEIC", content: heic },
        ])
      ).status,
    ).toBe(302);
    const attachment = await prisma.attachment.findFirstOrThrow({ where: { caseId: created.id } });
    expect(await deriveImages(attachment.sha256)).toBe("unsupported");
    const url = `/cases/${created.caseNo}/attachments/${attachment.id}`;
    // Never a broken image and never a dead end: whoever may see it (its uploader too) downloads the original, with a plain note.
    const asTownship = await request(`${url}?variant=thumb`, { cookie: township });
    expect(asTownship.status).toBe(200);
    expect(asTownship.headers.get("content-disposition")).toMatch(/^attachment/);
    const townshipPage = await (await request(`/cases/${created.caseNo}`, { cookie: township })).text();
    expect(townshipPage).toContain(t("attachment.noPreview"));
    expect(townshipPage).toContain(`${url}?variant=original`);
    const dispatcher = await signIn("dispatcher");
    const page = await (await request(`/cases/${created.caseNo}`, { cookie: dispatcher })).text();
    expect(page).toContain(t("attachment.noPreview"));
    expect(page).not.toContain(`${url}?variant=thumb`);
    const original = await request(`${url}?variant=original`, { cookie: dispatcher });
    expect(original.status).toBe(200);
    expect(original.headers.get("content-type")).toBe("image/heic");
  });

  it("keeps a letter scanned at intake with the new case's first step", async () => {
    const operator = await signIn("operator");
    const form = new FormData();
    const fields = {
      intent: "register",
      kind: "petition",
      channel: "letter",
      receivedAt: "2026-03-02T09:00",
      complainantName: "钱来信",
      townshipId: String(await townshipId("古南街道")),
      category: "water",
      description: "来信反映河道排污。",
      attachmentKind: "letterScan",
    };
    for (const [name, value] of Object.entries(fields)) form.set(name, value);
    form.append("files", new Blob([new Uint8Array(Buffer.from("%PDF-1.7\n来信"))], { type: "application/pdf" }), "来信扫描.pdf");
    const response = await request("/intake", { method: "POST", cookie: operator, body: form });
    expect(response.status).toBe(302);
    const caseNo = new URL(response.headers.get("location")!, app.baseUrl).searchParams.get("registered")!;
    const created = await prisma.case.findUniqueOrThrow({ where: { caseNo }, include: { attachments: true } });
    expect(created.attachments.map((a) => [a.action, a.kind, a.fileName, a.round])).toEqual([
      ["register", "letterScan", "来信扫描.pdf", 1],
    ]);
  });

  it("a submission sent again, or several times at once, makes one step with its files", async () => {
    const created = await assignedComplaint("整改后复查");
    const township = await signIn("gunan");
    const photo = await phonePhoto(640, 480);
    const send = () =>
      postStep(township, created.caseNo, { intent: "note", text: "整改后复查", submissionKey: "resend-key-0001" }, [
        { name: "after.jpg", content: photo, type: "image/jpeg" },
      ]);
    const answers = await Promise.all(Array.from({ length: 5 }, send));
    expect(answers.map((answer) => answer.status)).toEqual([302, 302, 302, 302, 302]);
    expect((await send()).status).toBe(302);
    expect(await steps(created.id, "note")).toBe(1);
    expect(await prisma.attachment.count({ where: { caseId: created.id } })).toBe(1);
  });

  it("decides who may upload before storing a byte, and a refused submission leaves no file behind", async () => {
    const created = await assignedComplaint("废水偷排");
    const before = storedFiles();
    const otherTownship = await signIn("wenlong");
    const leader = await signIn("leader");
    const township = await signIn("gunan");
    const recording = () => [{ name: "录音.wav", content: uniqueWav(200_000) }];
    const refusals: [string, Promise<Response>, number][] = [
      ["another township's case", postStep(otherTownship, created.caseNo, { intent: "note", text: "越权" }, recording()), 404],
      [
        "a case that does not exist",
        request("/cases/TS-2026-99999", { method: "POST", cookie: township, body: formWith({ intent: "note", text: "无此案" }) }),
        404,
      ],
      [
        "a role that takes no step with files",
        postStep(leader, created.caseNo, { intent: "note", text: "领导" }, recording()),
        403,
      ],
      ["a step whose form is incomplete", postStep(township, created.caseNo, { intent: "note", text: "" }, recording()), 400],
      ["a step its state does not allow", postStep(township, created.caseNo, { intent: "accept" }, recording()), 403],
    ];
    for (const [label, answer, status] of refusals) expect((await answer).status, label).toBe(status);
    expect(storedFiles()).toBe(before);
    expect(await prisma.attachment.count({ where: { caseId: created.id } })).toBe(0);

    function formWith(fields: Record<string, string>) {
      const form = new FormData();
      form.set("version", "1");
      for (const [name, value] of Object.entries(fields)) form.set(name, value);
      form.append("files", new Blob([new Uint8Array(uniqueWav(200_000))]), "录音.wav");
      return form;
    }
  });

  it("keeps each account within its hourly upload budget, and says so with the file's name", async () => {
    const dispatcher = await accountActor("dispatcher");
    const cookie = await signIn("dispatcher");
    const budget = 4 * 1024 * 1024;
    const usedBefore = async () => {
      const rows = await prisma.attachment.findMany({
        where: { uploadedById: dispatcher.id, uploadedAt: { gte: new Date(Date.now() - 3600_000) } },
        include: { file: true },
      });
      return rows.reduce((sum, row) => sum + row.file.size, 0);
    };
    const size = 900 * 1024;
    let answered = 0;
    let refusedAt = -1;
    // Two cases, so that the case's own 3 MB is never what stops it.
    const cases = [await assignedComplaint("夜间施工一"), await assignedComplaint("夜间施工二")];
    for (let n = 0; n < 6 && refusedAt < 0; n += 1) {
      const file = uniqueWav(size);
      const fits = (await usedBefore()) + file.length <= budget;
      const answer = await postStep(cookie, cases[n % 2].caseNo, { intent: "note", text: `录音 ${n}` }, [
        { name: `施工-${n}.wav`, content: file },
      ]);
      answered += 1;
      if (fits) expect(answer.status, `upload ${n}`).toBe(302);
      else {
        expect(answer.status).toBe(400);
        const html = await answer.text();
        expect(html).toContain(`施工-${n}.wav：您一小时内上传的附件已达 4 MB 的上限`);
        expect(html).toContain(`录音 ${n}`);
        refusedAt = n;
      }
    }
    expect(refusedAt, `refused after ${answered} uploads`).toBeGreaterThan(0);
  });

  it("the worker's sweep removes abandoned and unreferenced files older than a day, and nothing a case keeps", async () => {
    const created = await assignedComplaint("沟渠黑臭");
    const township = await signIn("gunan");
    const kept = uniqueWav(5_000);
    expect(
      (await postStep(township, created.caseNo, { intent: "note", text: "保留" }, [{ name: "保留.wav", content: kept }])).status,
    ).toBe(302);
    const { sha256 } = await prisma.attachment.findFirstOrThrow({ where: { caseId: created.id } });
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000);
    const plant = (file: string, old: boolean) => {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(100));
      if (old) utimesSync(file, twoDaysAgo, twoDaysAgo);
      return file;
    };
    const orphanHash = () => randomBytes(32).toString("hex");
    const oldOrphan = plant(objectPath(orphanHash()), true);
    const youngOrphan = plant(objectPath(orphanHash()), false);
    const abandoned = plant(path.join(incomingDir(), "abandoned-upload"), true);
    const justArriving = plant(path.join(incomingDir(), "arriving-upload"), false);
    utimesSync(objectPath(sha256), twoDaysAgo, twoDaysAgo);

    const swept = await sweepUnreferencedFiles();
    expect(swept.objects).toBeGreaterThanOrEqual(1);
    expect(swept.incoming).toBeGreaterThanOrEqual(1);
    expect([oldOrphan, abandoned].map(existsSync)).toEqual([false, false]);
    expect([youngOrphan, justArriving, objectPath(sha256)].map(existsSync)).toEqual([true, true, true]);
    expect(readFileSync(objectPath(sha256)).equals(kept)).toBe(true);
  });
});
