import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db.server";
import { t } from "~/i18n";
import { createApiKey } from "~/models/transfers-in/api-keys.server";
import { registerCase } from "~/models/case/service.server";
import { setTownshipSeat } from "~/models/reference/reference-data.server";
import { startApp } from "../support/browser";
import { act, intakeFields, makeActor, setUpWorld } from "../support/fixtures";

/**
 * Open311 GeoReport v2 over HTTP against the built server (docs/integrations.md "Open311"), on SQLite
 * and on PostgreSQL: discovery, services, submissions with a key, the public reads, the update feed,
 * and the spec's errors. Whatever the public reads never names the complainant.
 */
let app: Awaited<ReturnType<typeof startApp>>;
let world: Awaited<ReturnType<typeof setUpWorld>>;
let reporter: string;

const parser = new XMLParser({
  isArray: (name) => ["service", "request", "request_update", "error", "attribute", "value", "endpoint", "format"].includes(name),
});

beforeAll(async () => {
  world = await setUpWorld();
  app = await startApp();
  reporter = (await createApiKey({ name: "随手拍小程序", scopes: ["open311"], channel: "online" })).key;
}, 120_000);

afterAll(async () => {
  await app?.stop();
});

const get = (path: string) => fetch(`${app.baseUrl}/open311/${path}`);
const xmlOf = async (response: Response) => {
  expect(response.headers.get("content-type")).toContain("text/xml");
  const text = await response.text();
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  return parser.parse(text);
};

let reports = 0;
const report = (fields: Record<string, string>, format = "json", key: string | null = reporter) =>
  fetch(`${app.baseUrl}/open311/v2/requests.${format}`, {
    method: "POST",
    body: new URLSearchParams({
      ...(key ? { api_key: key } : {}),
      service_code: "noise",
      description: `夜间工地施工噪声扰民（第 ${++reports} 次反映）`,
      ...fields,
    }),
  });

describe("Open311 GeoReport v2", { timeout: 120_000 }, () => {
  it("says where it is and which services it offers, in XML and JSON", async () => {
    const discovery = (await xmlOf(await get("discovery.xml"))).discovery;
    expect(discovery.endpoints.endpoint[0]).toMatchObject({
      specification: "http://wiki.open311.org/GeoReport_v2",
      url: `${app.baseUrl}/open311/v2`,
      type: "production",
      formats: { format: ["text/xml", "application/json"] },
    });
    const services = (await xmlOf(await get("v2/services.xml"))).services.service;
    const categories = await prisma.category.findMany({ where: { active: true }, orderBy: { sortOrder: "asc" } });
    expect(services.map((service: { service_code: string }) => service.service_code)).toEqual(categories.map((c) => c.code));
    expect(services[0]).toMatchObject({ service_name: categories[0].name, metadata: true, type: "realtime" });
    const json = await (await get("v2/services.json")).json();
    expect(json).toHaveLength(categories.length);
    expect(json[0]).toMatchObject({ service_code: categories[0].code, metadata: true });

    const definition = (await xmlOf(await get("v2/services/noise.xml"))).service_definition;
    expect(definition.service_code).toBe("noise");
    expect(definition.attributes.attribute[0]).toMatchObject({
      code: "consent_to_publish",
      datatype: "singlevaluelist",
      required: false,
      values: { value: [{ key: "no" }, { key: "yes" }] },
    });
    const definitionJson = await (await get("v2/services/noise.json")).json();
    expect(definitionJson.attributes[0].values.map((value: { key: string }) => value.key)).toEqual(["no", "yes"]);
    const unknown = await get("v2/services/unicorns.json");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual([{ code: 404, description: t("open311.unknownService") }]);
  });

  it("registers a report on the key's channel, in the township its address names, and shows the public only what was agreed", async () => {
    const created = await report(
      {
        address_string: "古南街道滨江路 12 号",
        first_name: "伟",
        last_name: "张",
        phone: "13800001111",
        email: "zhang@example.com",
        "attribute[consent_to_publish]": "yes",
      },
      "xml",
    );
    expect(created.status).toBe(201);
    const answer = (await xmlOf(created)).service_requests.request[0];
    const caseNo: string = answer.service_request_id;
    expect(caseNo).toMatch(/^TS-\d{4}-\d{5}$/);
    expect(answer.service_notice).toContain("古南街道");
    const stored = await prisma.case.findUniqueOrThrow({ where: { caseNo }, include: { township: true } });
    expect(stored).toMatchObject({
      kind: "complaint",
      channel: "online",
      category: "noise",
      complainantName: "张伟",
      complainantPhone: "13800001111",
      consentToPublish: true,
      address: "古南街道滨江路 12 号",
      latitude: null,
    });
    expect(stored.township.name).toBe("古南街道");

    const withheld = await (
      await report({ address_string: "文龙街道某小区 3 栋", first_name: "芳", last_name: "李", phone: "13900002222" })
    ).json();
    const withheldNo: string = withheld[0].service_request_id;

    const publicRead = await get(`v2/requests/${caseNo}.json`);
    const [agreed] = await publicRead.json();
    expect(agreed).toMatchObject({
      service_request_id: caseNo,
      status: "open",
      service_code: "noise",
      service_name: "噪声",
      description: expect.stringContaining("夜间工地施工噪声扰民"),
      address: "古南街道滨江路 12 号",
      requested_datetime: expect.stringMatching(/\+08:00$/),
      expected_datetime: expect.stringMatching(/\+08:00$/),
    });
    const [notAgreed] = await (await get(`v2/requests/${withheldNo.toLowerCase()}.json`)).json();
    expect(notAgreed).toMatchObject({ description: null, address: "文龙街道", lat: null, long: null });
    // Never a name, a phone or an e-mail, whatever was agreed.
    const everything = await (await get(`v2/requests.xml?service_request_id=${caseNo},${withheldNo}`)).text();
    for (const secret of ["张伟", "13800001111", "zhang@example.com", "李芳", "13900002222", "某小区"])
      expect(everything).not.toContain(secret);
    expect(await (await get(`v2/requests.json?service_request_id=${caseNo},${withheldNo}`)).json()).toHaveLength(2);
  });

  it("locates a point by the nearest township seat the administrator set, within the district only", async () => {
    const before = await prisma.case.count();
    const refused = await report({ lat: "29.0278", long: "106.6512" });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual([{ code: 400, description: `lat：${t("error.outsideDistrict")}` }]);
    expect(await prisma.case.count()).toBe(before);

    const seats: [string, number, number][] = [
      ["古南街道", 29.03, 106.65],
      ["三角镇", 28.9, 106.8],
    ];
    for (const [name, latitude, longitude] of seats) {
      const township = await prisma.township.findUniqueOrThrow({ where: { name } });
      expect(await setTownshipSeat(township.id, { latitude, longitude })).toBe(true);
    }
    const near = await report({ lat: "28.91", long: "106.79", "attribute[consent_to_publish]": "yes" });
    expect(near.status).toBe(201);
    const [{ service_request_id: caseNo }] = await near.json();
    const stored = await prisma.case.findUniqueOrThrow({ where: { caseNo }, include: { township: true } });
    expect(stored).toMatchObject({ latitude: 28.91, longitude: 106.79, address: "" });
    expect(stored.township.name).toBe("三角镇");
    const [shown] = await (await get(`v2/requests/${caseNo}.json`)).json();
    expect(shown).toMatchObject({ lat: 28.91, long: 106.79, address: "三角镇" });
    // 25 km north of the northern seat: outside.
    expect((await report({ lat: "29.255", long: "106.65" })).status).toBe(400);
  });

  it("lists complaints by status, service and period, newest first, and never a petition", async () => {
    const received = new Date(Date.now() - 10 * 86_400_000);
    const old = await registerCase(
      world.operator,
      await intakeFields({ receivedAt: new Date(Date.now() - 200 * 86_400_000), category: "water" }),
    );
    const answered = await registerCase(world.operator, await intakeFields({ receivedAt: received, category: "water" }), {
      now: received,
    });
    await act(world.dispatcher, answered.caseNo, { action: "reject", reason: "不属于生态环境部门职责" });
    const petition = await registerCase(
      world.operator,
      await intakeFields({ kind: "petition", receivedAt: received, category: "water" }),
    );

    const water = await (await get("v2/requests.json?service_code=water")).json();
    const numbers = water.map((entry: { service_request_id: string }) => entry.service_request_id);
    expect(numbers).toContain(answered.caseNo);
    expect(numbers).not.toContain(old.caseNo);
    expect(numbers).not.toContain(petition.caseNo);
    expect(water.find((entry: { service_request_id: string }) => entry.service_request_id === answered.caseNo)).toMatchObject({
      status: "closed",
      status_notes: t("open311.event.rejected"),
    });
    const openOnes = await (await get("v2/requests.json?status=open")).json();
    expect(openOnes.every((entry: { status: string }) => entry.status === "open")).toBe(true);
    expect(openOnes.map((entry: { service_request_id: string }) => entry.service_request_id)).not.toContain(answered.caseNo);
    const times = openOnes.map((entry: { requested_datetime: string }) => Date.parse(entry.requested_datetime));
    expect(times).toEqual([...times].sort((a: number, b: number) => b - a));
    const since = await (
      await get(`v2/requests.json?service_code=water&start_date=${new Date(Date.now() - 300 * 86_400_000).toISOString()}`)
    ).json();
    expect(since.map((entry: { service_request_id: string }) => entry.service_request_id)).toContain(old.caseNo);
    expect((await get(`v2/requests/${petition.caseNo}.json`)).status).toBe(404);
  });

  it("feeds each public step, with the answer only where publication was agreed", async () => {
    const start = new Date(Date.now() - 1000).toISOString();
    const gunan = await makeActor("township", "古南街道");
    const handled: string[] = [];
    for (const consent of ["yes", "no"]) {
      const [{ service_request_id: caseNo }] = await (
        await report({ address_string: "古南街道", "attribute[consent_to_publish]": consent })
      ).json();
      await act(world.dispatcher, caseNo, { action: "accept" });
      await act(world.dispatcher, caseNo, { action: "assign", assigneeId: gunan.townshipId! });
      await act(gunan, caseNo, { action: "submit", text: "核查记录（内部，不公开）" });
      await act(world.dispatcher, caseNo, { action: "conclude", text: "已责令工地停止夜间施工。" });
      handled.push(caseNo);
    }
    const feed = (await xmlOf(await get(`v2/servicerequestupdates.xml?start_date=${encodeURIComponent(start)}`)))
      .service_request_updates.request_update;
    const of = (caseNo: string) => feed.filter((update: { service_request_id: string }) => update.service_request_id === caseNo);
    expect(of(handled[0]).map((update: { status: string }) => update.status)).toEqual(["open", "investigating", "closed"]);
    expect(of(handled[0])[2].description).toBe(`${t("open311.event.answered")}：已责令工地停止夜间施工。`);
    expect(of(handled[1])[2].description).toBe(t("open311.event.answered"));
    expect(JSON.stringify(feed)).not.toContain("核查记录");
    expect(new Set(feed.map((update: { update_id: number }) => update.update_id)).size).toBe(feed.length);
    const json = await (await get(`v2/servicerequestupdates.json?start_date=${encodeURIComponent(start)}`)).json();
    expect(json.length).toBe(feed.length);
    const none = await (
      await get(`v2/servicerequestupdates.json?end_date=${encodeURIComponent(start)}&start_date=${encodeURIComponent(start)}`)
    ).json();
    expect(none.filter((update: { service_request_id: string }) => handled.includes(update.service_request_id))).toEqual([]);
  });

  it("answers what is wrong in the spec's error format, in Chinese, and changes nothing", async () => {
    const before = await prisma.case.count();
    const noKey = await report({ address_string: "古南街道" }, "xml", null);
    expect(noKey.status).toBe(403);
    expect((await xmlOf(noKey)).errors.error).toEqual([{ code: 403, description: t("open311.key.missing") }]);
    expect((await report({ address_string: "古南街道" }, "json", "gl_aaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")).status).toBe(
      403,
    );
    const statsOnly = (await createApiKey({ name: "只读统计", scopes: ["statistics"] })).key;
    expect((await report({ address_string: "古南街道" }, "json", statsOnly)).status).toBe(403);

    const wrong = await report({
      service_code: "",
      description: "",
      lat: "95",
      long: "106",
      "attribute[consent_to_publish]": "maybe",
    });
    expect(wrong.status).toBe(400);
    const descriptions = (await wrong.json()).map((error: { description: string }) => error.description).sort();
    expect(descriptions).toEqual(
      [
        `attribute[consent_to_publish]：${t("error.consentValue")}`,
        `description：${t("error.required")}`,
        `lat：${t("error.coordinate")}`,
        `service_code：${t("error.required")}`,
      ].sort(),
    );
    expect((await report({ service_code: "unicorns", address_string: "古南街道" })).status).toBe(400);
    expect((await report({ address_string: "火星某地" })).status).toBe(400);
    expect((await get("v2/requests.json?start_date=yesterday")).status).toBe(400);
    expect((await get("v2/requests.json?status=pending")).status).toBe(400);
    expect((await get("v2/requests/TS-2026-99999.json")).status).toBe(404);
    const notAPath = await get("v2/requests.html");
    expect(notAPath.status).toBe(404);
    expect((await xmlOf(notAPath)).errors.error[0].code).toBe(404);
    const put = await fetch(`${app.baseUrl}/open311/v2/services.json`, {
      method: "POST",
      body: new URLSearchParams({ api_key: reporter }),
    });
    expect(put.status).toBe(405);
    expect(await prisma.case.count()).toBe(before);
    const logged = await prisma.apiRequest.findMany({ where: { path: { startsWith: "/open311/" } } });
    expect(logged.length).toBeGreaterThan(10);
    expect(logged.some((entry) => entry.status === 201 && entry.apiKeyId !== null)).toBe(true);
  });
});
