/**
 * `npm run bench:uploads`: ten 20 MB recordings posted at once with a step, through the built web server
 * (the throughput, and how far the server's resident memory rises above idle while it streams them to
 * storage: the goal is under 50 MB), then the time the worker takes to make a 12-megapixel photo's
 * thumbnail and screen versions.
 */
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { prepareBenchEnvironment, removeRedisKeys, startServer } from "./setup";

const FILES = 10;
const FILE_BYTES = 20 * 1024 * 1024 - 4096; // just under the default limit of 20 MB
const PASSWORD = "bench-uploads-passphrase";

const rssOf = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) * 1024;
};
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** A WAV recording of `bytes` bytes (content the server accepts), distinct per index. */
function recording(bytes: number, index: number) {
  const body = Buffer.alloc(bytes);
  body.write("RIFF", 0, "latin1");
  body.writeUInt32LE(bytes - 8, 4);
  body.write("WAVEfmt ", 8, "latin1");
  for (let offset = 44; offset < bytes; offset += 4096) body.writeUInt32LE((offset * 2654435761 + index) >>> 0, offset);
  return body;
}

async function main() {
  const env = prepareBenchEnvironment("uploads");
  process.env.FILES_DIR = path.join(path.dirname(env.file), `files-${process.pid}`);
  const { prisma } = await import("~/db.server");
  const { seedReferenceData } = await import("~/models/reference/seed.server");
  const { createUser } = await import("~/models/accounts/users.server");
  const { registerCase, changeCase } = await import("~/models/case/service.server");
  const { closeRedisResources } = await import("~/redis.server");
  await seedReferenceData();
  const gunan = await prisma.township.findFirstOrThrow({ where: { name: "古南街道" } });
  const make = (username: string, role: string, townshipId: number | null) =>
    createUser({ username, role, townshipId, password: PASSWORD });
  const [operator, dispatcher] = [
    await make("bench-operator", "operator", null),
    await make("bench-dispatcher", "dispatcher", null),
  ];
  await make("bench-township", "township", gunan.id);
  const actor = (user: { id: number; role: string; townshipId: number | null }) => ({
    id: user.id,
    role: user.role as "operator",
    townshipId: user.townshipId,
  });
  const now = new Date();
  const created = await registerCase(
    actor(operator),
    {
      kind: "complaint",
      channel: "hotline12369",
      receivedAt: now,
      complainantName: "基准测试",
      complainantPhone: "13900000000",
      consentToDisclose: false,
      townshipId: gunan.id,
      category: "noise",
      subject: "上传基准",
      address: "",
      description: "上传基准测试",
      urgency: "normal",
    },
    { now, scheduleJobs: false },
  );
  let { version } = await changeCase(
    actor(dispatcher),
    created.caseNo,
    created.version,
    { action: "accept" },
    { scheduleJobs: false },
  );
  ({ version } = await changeCase(
    actor(dispatcher),
    created.caseNo,
    version,
    { action: "assign", assigneeId: gunan.id },
    { scheduleJobs: false },
  ));

  const server = await startServer(1);
  const base = `http://127.0.0.1:${server.port}`;
  try {
    const login = await fetch(`${base}/login`, {
      method: "POST",
      body: new URLSearchParams({ username: "bench-township", password: PASSWORD }),
      redirect: "manual",
    });
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    const post = (index: number, content: Buffer) => {
      const form = new FormData();
      form.set("intent", "note");
      form.set("version", "0");
      form.set("text", `录音 ${index}`);
      form.set("submissionKey", `bench-upload-${process.pid}-${index}`);
      form.append("files", new Blob([new Uint8Array(content)], { type: "audio/wav" }), `录音-${index}.wav`);
      return fetch(`${base}/cases/${created.caseNo}`, { method: "POST", headers: { cookie }, body: form, redirect: "manual" });
    };
    // Warm up the route with one small file, then let the process settle.
    await post(-1, recording(64 * 1024, 999));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const idle = rssOf(server.child.pid!);
    const files = Array.from({ length: FILES }, (_, index) => recording(FILE_BYTES, index));
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(server.child.pid!))), 20);
    const started = process.hrtime.bigint();
    const statuses = await Promise.all(files.map((content, index) => post(index, content).then((response) => response.status)));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    const stored = await prisma.attachment.count({ where: { caseId: created.id } });
    console.log(
      `${FILES} × ${mb(FILE_BYTES)} MB uploaded at once: ${seconds.toFixed(2)} s, ${mb((FILES * FILE_BYTES) / seconds)} MB/s`,
    );
    console.log(`  answers: ${statuses.join(" ")}; attachments stored: ${stored - 1}`);
    console.log(
      `  web process resident memory: idle ${mb(idle)} MB, peak ${mb(peak)} MB, growth ${mb(peak - idle)} MB (goal < 50 MB)`,
    );
  } finally {
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server.child.once("exit", resolve));
  }

  // A 12-megapixel photo (4000 × 3000, as a phone takes it), stored and given its versions as the worker does.
  const sharp = (await import("sharp")).default;
  const { keepReceivedFiles, receiveUpload } = await import("~/models/attachments/store.server");
  const { deriveImages } = await import("~/models/attachments/images.server");
  const times: number[] = [];
  for (let n = 0; n < 3; n += 1) {
    const noise = Buffer.alloc(4000 * 3000 * 3);
    for (let i = 0; i < noise.length; i += 1) noise[i] = (i * 31 + n * 7 + (i >> 11)) & 0xff;
    const photo = await sharp(noise, { raw: { width: 4000, height: 3000, channels: 3 } })
      .jpeg({ quality: 85 })
      .toBuffer();
    const received = await receiveUpload(
      (async function* () {
        yield new Uint8Array(photo);
      })(),
      `photo-${n}.jpg`,
      { maxFileBytes: 100 * 1024 * 1024, caseBytesLeft: 1024 * 1024 * 1024, hourBytesLeft: 1024 * 1024 * 1024 },
    );
    await keepReceivedFiles([received]);
    await prisma.storedFile.create({
      data: { sha256: received.sha256, size: received.size, contentType: "image/jpeg", createdAt: new Date() },
    });
    const started = process.hrtime.bigint();
    const outcome = await deriveImages(received.sha256);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (outcome !== "ready") throw new Error(`versions not made: ${outcome}`);
    if (n === 0) console.log(`12-megapixel photo: ${mb(photo.length)} MB JPEG`);
  }
  times.sort((a, b) => a - b);
  console.log(
    `  thumbnail + screen version: median ${times[1].toFixed(0)} ms (of ${times.map((t) => t.toFixed(0)).join(", ")} ms)`,
  );

  await prisma.$disconnect();
  await closeRedisResources();
  await removeRedisKeys(process.env.REDIS_PREFIX!);
  rmSync(process.env.FILES_DIR!, { recursive: true, force: true });
  env.remove();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
