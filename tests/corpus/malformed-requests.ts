/**
 * The malformed-request corpus: what an outside reviewer, a broken client or a fuzzer sends. Every form
 * action gets each kind of unreadable body and each kind of out-of-range value; every loader with
 * parameters and every resource route gets hostile query strings. The server must answer each with
 * less than 500 and change nothing (tests/integration/malformed-requests.test.ts).
 */
import type { Role } from "~/domain/roles";
import { CASE_ACTIONS } from "~/domain/workflow";

export interface MalformedRequest {
  name: string;
  /** Which demo account sends it (null: nobody signed in). */
  as: Role | null;
  method: "GET" | "POST";
  path: string;
  contentType?: string;
  body?: string;
  /** Sent with an API key of every scope (the JSON API), instead of a signed-in account. */
  bearer?: boolean;
}

export interface CorpusContext {
  /** A case of each kind that every sender may open. */
  caseNos: { complaint: string; petition: string; mediation: string };
  userId: number;
}

const NUMBERS = ["1e308", "9223372036854775808", "Infinity", "-Infinity", "NaN", "-1", "0", "1.5", "0x10", "", "１２", "1e-400"];
const DATES = [
  "1900-01-01T00:00",
  "9999-12-31T23:59",
  "2020-02-30T09:00",
  "0000-00-00T00:00",
  "2020-13-01",
  "昨天",
  "2020-01-01T25:61",
];
const TEXTS = [
  "\u0000",
  "a\u0000b",
  "%00",
  "x".repeat(20_000),
  "<script>alert(1)</script>",
  '\'; DROP TABLE "Case"; --',
  "\ud800",
  "_",
  "%",
  // Identities in free text: stored as typed, masked where township staff read them.
  "投诉人赵六六（电话 136 5555 6666），联系 136-5555-6666，身份证 11010519491231002X",
];
/**
 * Addresses inside the installation's own network, in the spellings a URL can take. (The test run allows
 * 127.0.0.1 and localhost for its own receivers, so their spellings are not here; tests/integration/outbound.test.ts
 * refuses them with an empty allowed list.)
 */
const INTERNAL_ADDRESSES = [
  "http://[::1]:5432/",
  "http://0.0.0.0:6379/",
  "http://169.254.169.254/latest/meta-data",
  "http://10.0.0.1/",
  "http://0x0a000001/",
  "http://167772161/",
  "http://[fe80::1]/",
  "http://192.168.1.1:8080/",
  "http://172.16.0.1/",
  "http://100.64.0.1/",
  "http://[::ffff:10.0.0.7]:6379/",
  "http://[fc00::1]/",
];

const form = (fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, item);
  }
  return params.toString();
};

/** Bodies no form action can read. */
function unreadableBodies(): { name: string; contentType?: string; body?: string }[] {
  return [
    { name: "JSON body", contentType: "application/json", body: '{"intent":"register","kind":"complaint"}' },
    { name: "broken JSON body", contentType: "application/json", body: '{"intent":' },
    { name: "text/plain body", contentType: "text/plain", body: "intent=register" },
    { name: "XML body", contentType: "application/xml", body: "<intent>register</intent>" },
    { name: "empty body without a type" },
    { name: "empty form body", contentType: "application/x-www-form-urlencoded", body: "" },
    { name: "multipart without a boundary", contentType: "multipart/form-data", body: "--x\r\n\r\n" },
    {
      name: "multipart cut short",
      contentType: "multipart/form-data; boundary=xyz",
      body: '--xyz\r\nContent-Disposition: form-data; name="intent"\r\n\r\nregister',
    },
    { name: "multipart with a wrong boundary", contentType: "multipart/form-data; boundary=abc", body: "--xyz\r\n\r\n--xyz--" },
    { name: "percent-encoding gone wrong", contentType: "application/x-www-form-urlencoded", body: "intent=%E4%B8&kind=%%%" },
    { name: "binary body", contentType: "application/x-www-form-urlencoded", body: "\u0000\u0001\u0002\uffff" },
  ];
}

interface FormRoute {
  path: string;
  as: Role;
  /** A form the route accepts, into which each bad value is put in turn. */
  base: Record<string, string>;
  /** Fields that take numbers (ids, amounts) and dates. */
  numbers: string[];
  dates: string[];
  texts: string[];
  /** Fields that take an address the server will call: each internal one is refused and nothing saved. */
  addresses?: string[];
}

function formRoutes(context: CorpusContext): FormRoute[] {
  const { complaint, mediation } = context.caseNos;
  return [
    {
      path: "/login",
      as: null as unknown as Role,
      base: { username: "nobody", password: "wrong-password" },
      numbers: [],
      dates: [],
      texts: ["username", "password", "redirectTo"],
    },
    {
      path: "/query",
      as: null as unknown as Role,
      base: { caseNo: context.caseNos.complaint, proof: "13800000000" },
      numbers: [],
      dates: [],
      texts: ["caseNo", "proof"],
    },
    {
      // A rating from a browser that never proved the case: refused whatever it says.
      path: "/query",
      as: null as unknown as Role,
      base: { intent: "rate", caseNo: context.caseNos.complaint, satisfaction: "不满意", comment: "评价" },
      numbers: [],
      dates: [],
      texts: ["caseNo", "satisfaction", "comment"],
    },
    {
      path: "/admin/messages",
      as: "admin",
      // A variable that does not exist, in a field no variant changes: nothing can be saved.
      base: { receipt: "{caseNo}", accepted: "{caseNo}", extended: "{noSuchVariable}" },
      numbers: [],
      dates: [],
      texts: ["receipt", "accepted", "closed"],
    },
    {
      path: "/intake",
      as: "operator",
      // Each base lacks one thing it needs (here the description), so that no variant can succeed.
      base: {
        intent: "register",
        kind: "complaint",
        channel: "hotline12369",
        receivedAt: "2026-03-02T09:00",
        townshipId: "1",
        category: "noise",
        subject: "某厂",
        anonymous: "on",
      },
      numbers: ["townshipId"],
      dates: ["receivedAt"],
      texts: ["subject", "complainantPhone", "mergeInto"],
    },
    {
      // Saving "no filter" (the list as it opens) is refused whatever the name.
      path: "/cases?index",
      as: "dispatcher",
      base: { intent: "saveFilter", name: "我的筛选" },
      numbers: [],
      dates: [],
      texts: ["intent", "name"],
    },
    {
      // No saved filter of this user exists: no id removes anything.
      path: "/cases?index",
      as: "township",
      base: { intent: "deleteFilter", filterId: "1" },
      numbers: ["filterId"],
      dates: [],
      texts: ["intent"],
    },
    {
      // A body naming no variable that exists: no variant of the other fields can save it.
      path: "/replies",
      as: "dispatcher",
      base: { intent: "create", purpose: "answer", title: "常用语", body: "编号{noSuchVariable}", scope: "own" },
      numbers: [],
      dates: [],
      texts: ["intent", "purpose", "title", "scope"],
    },
    {
      // The demo data's templates are the bureau's: a township user changes none of them.
      path: "/replies",
      as: "township",
      base: { intent: "delete", templateId: "1" },
      numbers: ["templateId"],
      dates: [],
      texts: ["intent", "title", "body", "purpose"],
    },
    {
      // Not a multipart upload: no register file, nothing imported.
      path: "/admin/enterprises",
      as: "admin",
      base: { intent: "apply", register: "统一社会信用代码,单位名称" },
      numbers: [],
      dates: [],
      texts: ["intent", "register"],
    },
    {
      // No responsible department, which no variant of the other fields supplies.
      path: "/knowledge",
      as: "dispatcher",
      base: { intent: "create", question: "问题", answer: "答复", reviewBy: "2030-01-01" },
      numbers: [],
      dates: ["reviewBy"],
      texts: ["intent", "question", "answer", "legalBasis", "sourceCaseNo"],
    },
    {
      // Township staff read the knowledge base and change nothing in it.
      path: "/knowledge",
      as: "township",
      base: { intent: "delete", entryId: "1" },
      numbers: ["entryId"],
      dates: [],
      texts: ["intent", "question"],
    },
    {
      path: "/intake/mediation",
      as: "dispatcher",
      base: {
        channel: "visit",
        receivedAt: "2026-03-02T09:00",
        townshipId: "1",
        category: "noise",
        subject: "纠纷",
        claim: "赔偿",
      },
      numbers: ["townshipId"],
      dates: ["receivedAt"],
      texts: ["applicantName", "relatedCaseNo", "claim"],
    },
    {
      path: `/cases/${complaint}`,
      as: "dispatcher",
      base: { intent: "assign", version: "0", assigneeId: "1" },
      numbers: ["assigneeId", "version"],
      dates: [],
      texts: ["intent"],
    },
    {
      path: `/cases/${complaint}`,
      as: "dispatcher",
      base: { intent: "requestExtension", version: "0", amount: "5", reason: "原因" },
      numbers: ["amount", "version"],
      dates: [],
      texts: ["reason"],
    },
    {
      path: `/cases/${mediation}`,
      as: "dispatcher",
      base: {
        intent: "mediationSession",
        version: "0",
        status: "held",
        scheduledAt: "2026-03-02T09:00",
        place: "调解室",
        mediatorIds: "1",
      },
      numbers: ["mediatorIds", "sessionId", "version"],
      dates: ["scheduledAt"],
      texts: ["place", "notes"],
    },
    {
      // A stale version: nothing may be transferred whatever the rest says.
      path: `/cases/${complaint}`,
      as: "dispatcher",
      base: {
        intent: "transferOut",
        version: "0",
        partnerId: "1",
        mode: "transfer",
        reason: "理由",
        legalBasis: "依据",
        partnerTownship: "三江街道",
        replyDays: "5",
      },
      numbers: ["partnerId", "replyDays", "version"],
      dates: [],
      texts: ["mode", "reason", "legalBasis", "partnerTownship"],
    },
    {
      // A stale version (and a township that does not hold the case): no variant of the return is taken.
      path: `/cases/${complaint}`,
      as: "township",
      base: { intent: "return", version: "0", ground: "notOurArea", reason: "不属本辖区", suggestedUnitId: "2" },
      numbers: ["suggestedUnitId", "version"],
      dates: [],
      texts: ["ground", "reason"],
    },
    {
      // A township that does not hold the case: it signs for nothing.
      path: `/cases/${complaint}`,
      as: "township",
      base: { intent: "signFor", version: "0" },
      numbers: ["version"],
      dates: [],
      texts: ["intent"],
    },
    {
      // A stale version: no variant of the request for assistance is taken.
      path: `/cases/${complaint}`,
      as: "dispatcher",
      base: { intent: "requestAssistance", version: "0", unitIds: "2", workingDays: "5", instruction: "协助核查" },
      numbers: ["unitIds", "workingDays", "version"],
      dates: [],
      texts: ["instruction"],
    },
    {
      // A township that assists nothing: no variant of a part is taken.
      path: `/cases/${complaint}`,
      as: "township",
      base: { intent: "submitPart", version: "0", text: "协办意见" },
      numbers: ["version"],
      dates: [],
      texts: ["text"],
    },
    {
      // A stale version: no variant of the pause is taken.
      path: `/cases/${complaint}`,
      as: "dispatcher",
      base: { intent: "pauseClock", version: "0", ground: "appraisal", reason: "检测", legalBasis: "依据" },
      numbers: ["version"],
      dates: [],
      texts: ["ground", "reason", "legalBasis"],
    },
    {
      path: `/cases/${complaint}`,
      as: "dispatcher",
      base: { intent: "resumeClock", version: "0" },
      numbers: ["version"],
      dates: [],
      texts: ["intent"],
    },
    {
      // A stale version: no variant of the decision is taken.
      path: `/cases/${complaint}`,
      as: "dispatcher",
      base: { intent: "decideReturn", version: "0", decision: "reassign", assigneeId: "2", reason: "改派" },
      numbers: ["assigneeId", "version"],
      dates: [],
      texts: ["decision", "reason"],
    },
    {
      // A stale version: no variant of the respondent or the reason is taken.
      path: `/cases/${complaint}`,
      as: "dispatcher",
      base: { intent: "setRespondent", version: "0", subject: "91500222MA5U7XXX1X", reason: "更正" },
      numbers: ["version"],
      dates: [],
      texts: ["subject", "reason"],
    },
    {
      // A year before the supported range, which no variant of the grade makes valid.
      path: "/enterprises/1",
      as: "dispatcher",
      base: { intent: "creditGrade", year: "1999", grade: "good" },
      numbers: ["year"],
      dates: [],
      texts: ["intent", "grade"],
    },
    {
      // A red card without its penalty decision, which no variant of the other fields supplies.
      path: "/enterprises/1",
      as: "dispatcher",
      base: {
        intent: "issueCard",
        colour: "red",
        reason: "超标",
        legalBasis: "大气法",
        evidence: "报告",
        rectifyWorkingDays: "10",
        submissionKey: "corpus-card-0001",
      },
      numbers: ["rectifyWorkingDays", "followsId"],
      dates: [],
      texts: ["intent", "colour", "reason", "legalBasis", "evidence", "submissionKey"],
    },
    {
      // Township staff lift no card, whatever the card or the reason.
      path: "/enterprises/1",
      as: "township",
      base: { intent: "lift", cardId: "1", text: "摘牌" },
      numbers: ["cardId"],
      dates: [],
      texts: ["text", "submissionKey"],
    },
    {
      // Township staff enter no grade.
      path: "/enterprises/1",
      as: "township",
      base: { intent: "creditGrade", year: "2025", grade: "good" },
      numbers: ["year"],
      dates: [],
      texts: ["grade"],
    },
    {
      path: `/cases/${complaint}`,
      as: "dispatcher",
      base: { intent: "transferReply", version: "0", transferId: "1", text: "回复" },
      numbers: ["transferId", "version"],
      dates: [],
      texts: ["text"],
    },
    {
      // An address that is no address: no partner can be saved, and nothing is fetched.
      path: "/admin/partners",
      as: "admin",
      base: { intent: "add", name: "测试单位", kind: "greenline", baseUrl: "notaurl", apiKey: "gl_x", replyDays: "15" },
      numbers: ["replyDays"],
      dates: [],
      texts: ["name", "kind", "apiKey"],
    },
    {
      path: "/admin/partners",
      as: "admin",
      base: { intent: "refresh", id: "999999" },
      numbers: ["id"],
      dates: [],
      texts: ["intent"],
    },
    {
      path: `/cases/${mediation}`,
      as: "dispatcher",
      base: { intent: "followUpAgreement", version: "0", obligationId: "1", performed: "yes", text: "已履行" },
      numbers: ["obligationId"],
      dates: [],
      texts: ["text"],
    },
    {
      path: "/admin/users",
      as: "admin",
      base: { intent: "update", userId: String(context.userId), displayName: "x", role: "nobody", townshipId: "1" },
      numbers: ["userId", "townshipId"],
      dates: [],
      texts: ["displayName", "role", "password"],
    },
    {
      path: "/admin/users",
      as: "admin",
      base: { intent: "create", username: "corpus", role: "township", townshipId: "1", password: "short" },
      numbers: ["townshipId"],
      dates: [],
      texts: ["username"],
    },
    {
      path: `/admin/users/${context.userId}`,
      as: "admin",
      base: { intent: "endSession", sessionId: "1" },
      numbers: ["sessionId"],
      dates: [],
      texts: ["intent"],
    },
    {
      path: "/admin/policies",
      as: "admin",
      base: { rules: "{" },
      numbers: [],
      dates: ["effectiveFrom"],
      texts: ["rules", "name"],
    },
    {
      // A name a township already has: no variant of the intent adds a unit.
      path: "/admin/townships",
      as: "admin",
      base: { intent: "addUnit", name: "古南街道" },
      numbers: [],
      dates: [],
      texts: ["intent"],
    },
    {
      // A township is no unit this form takes out of use, whatever the id is spelled as.
      path: "/admin/townships",
      as: "admin",
      base: { intent: "setUnitActive", unitId: "1", active: "false" },
      numbers: ["unitId"],
      dates: [],
      texts: ["active"],
    },
    {
      // A new version of a policy that does not exist: no variant of its limits is saved.
      path: "/admin/policies",
      as: "admin",
      base: {
        baseId: "999999",
        effectiveFrom: "2027-01-01T00:00",
        "milestones[0].milestone": "conclude",
        "milestones[0].from": "received",
        "milestones[0].amount": "15",
        "milestones[0].unit": "working_days",
        warningLeadWorkingDays: "2",
        warningLeadHours: "1",
        supervisionAfterWorkingDays: "3",
        returnDecisionWorkingDays: "1",
        signForWorkingDays: "1",
      },
      numbers: ["returnDecisionWorkingDays", "signForWorkingDays", "warningLeadHours", "baseId"],
      dates: ["effectiveFrom"],
      texts: ["milestones[0].unit"],
    },
    {
      path: "/admin/calendar",
      as: "admin",
      base: { intent: "remove", date: "2026-02-30" },
      numbers: ["year"],
      dates: ["date"],
      texts: ["intent", "csv"],
    },
    {
      path: "/admin/townships",
      as: "admin",
      // Half a seat: no variant of another field can make it whole.
      base: { townshipId: "1", latitude: "29", longitude: "" },
      numbers: ["townshipId"],
      dates: [],
      texts: ["latitude", "longitude"],
    },
    {
      path: "/admin/webhook",
      as: "admin",
      base: { intent: "save", url: "notaurl", secret: "short" },
      numbers: [],
      dates: [],
      texts: ["secret", "intent"],
    },
    {
      // A valid secret: only the address stands in the way.
      path: "/admin/webhook",
      as: "admin",
      base: { intent: "save", destination: "webhook", url: "notaurl", secret: "a-secret-of-sixteen-chars" },
      numbers: [],
      dates: [],
      texts: [],
      addresses: ["url"],
    },
    {
      path: "/admin/api-keys",
      as: "admin",
      base: { name: "内网回调", scopes: "statistics", callbackUrl: "notaurl", rateLimit: "600" },
      numbers: [],
      dates: [],
      texts: [],
      addresses: ["callbackUrl"],
    },
    {
      path: "/admin/partners",
      as: "admin",
      base: {
        intent: "add",
        name: "内网单位",
        kind: "greenline",
        baseUrl: "notaurl",
        apiKey: `gl_abcdefgh_${"a".repeat(32)}`,
        replyDays: "15",
      },
      numbers: [],
      dates: [],
      texts: [],
      addresses: ["baseUrl"],
    },
    { path: "/notifications", as: "township", base: { intent: "read", id: "1" }, numbers: ["id"], dates: [], texts: ["intent"] },
    {
      // A list step that picks nothing: no variant can take a step.
      path: "/dispatch",
      as: "dispatcher",
      base: { queue: "toAssign", intent: "assign", submissionKey: "corpus-key-0001" },
      numbers: ["assigneeId"],
      dates: [],
      texts: ["queue", "intent", "submissionKey", "satisfaction"],
    },
    {
      // A pick of a case that does not exist, in every spelling.
      path: "/dispatch",
      as: "dispatcher",
      base: { queue: "toAccept", intent: "accept", submissionKey: "corpus-key-0002", only: "TS-2026-99999@1" },
      numbers: [],
      dates: [],
      texts: ["only", "picked"],
    },
  ];
}

function formRequests(context: CorpusContext): MalformedRequest[] {
  const requests: MalformedRequest[] = [];
  const urlencoded = "application/x-www-form-urlencoded";
  for (const route of formRoutes(context)) {
    const as = route.path === "/login" ? null : route.as;
    for (const body of unreadableBodies()) {
      requests.push({
        name: `${route.path} ${body.name}`,
        as,
        method: "POST",
        path: route.path,
        contentType: body.contentType,
        body: body.body,
      });
    }
    // Each bad value in turn, in a form that is otherwise as the route expects it.
    const variants: [string[], string[]][] = [
      [route.numbers, NUMBERS],
      [route.dates, DATES],
      [route.texts, TEXTS],
      [route.addresses ?? [], INTERNAL_ADDRESSES],
    ];
    for (const [fields, values] of variants) {
      for (const field of fields) {
        for (const value of values) {
          requests.push({
            name: `${route.path} ${field}=${JSON.stringify(value.slice(0, 20))}`,
            as,
            method: "POST",
            path: route.path,
            contentType: urlencoded,
            body: form({ ...route.base, [field]: value }),
          });
        }
      }
    }
    requests.push({
      name: `${route.path} every field twice`,
      as,
      method: "POST",
      path: route.path,
      contentType: urlencoded,
      body: form(Object.fromEntries(Object.entries(route.base).map(([key, value]) => [key, [value, value]]))),
    });
  }
  // Every case action with nothing but its name and a stale or absent version.
  for (const action of CASE_ACTIONS) {
    for (const version of ["", "999999", "1e308"]) {
      requests.push({
        name: `case action ${action} version=${version}`,
        as: "dispatcher",
        method: "POST",
        path: `/cases/${context.caseNos.petition}`,
        contentType: urlencoded,
        body: form({ intent: action, version }),
      });
    }
  }
  requests.push({
    name: "import apply with a made-up token",
    as: "admin",
    method: "POST",
    path: "/admin/import",
    ...multipart({ intent: "apply", token: "00000000-0000-0000-0000-000000000000", fileName: "x.csv" }),
  });
  requests.push({
    name: "import apply with a path as token",
    as: "admin",
    method: "POST",
    path: "/admin/import",
    ...multipart({ intent: "apply", token: "../../etc/passwd", fileName: "x.csv" }),
  });
  requests.push({
    name: "import apply without a token",
    as: "admin",
    method: "POST",
    path: "/admin/import",
    ...multipart({ intent: "apply" }),
  });
  requests.push({
    name: "import check without a file",
    as: "admin",
    method: "POST",
    path: "/admin/import",
    ...multipart({ intent: "check" }),
  });
  requests.push({
    name: "import a file that is no ledger",
    as: "admin",
    method: "POST",
    path: "/admin/import",
    ...multipart({ intent: "check" }, { name: "ledger", fileName: "x.xlsx", content: "not a zip" }),
  });
  requests.push({
    name: "import a file of another type",
    as: "admin",
    method: "POST",
    path: "/admin/import",
    ...multipart({ intent: "check" }, { name: "ledger", fileName: "x.exe", content: "MZ" }),
  });
  // The SMS gateway's receipts: JSON, signed; nothing unsigned or unreadable gets in.
  const json = "application/json";
  const receipt = JSON.stringify({ eventId: "sms-1-1", status: "delivered" });
  for (const [name, contentType, body] of [
    ["unsigned", json, receipt],
    ["broken JSON", json, '{"eventId":'],
    ["an array", json, "[1,2,3]"],
    ["deeply nested", json, "[".repeat(5000) + "]".repeat(5000)],
    ["too large", json, JSON.stringify({ eventId: "x".repeat(10_000), status: "delivered" })],
    ["a form", "application/x-www-form-urlencoded", "eventId=sms-1-1&status=delivered"],
    ["NUL in JSON", json, '{"eventId":"sms\u0000","status":"delivered"}'],
  ] as const) {
    requests.push({ name: `sms receipt ${name}`, as: null, method: "POST", path: "/api/sms-receipts", contentType, body });
  }
  requests.push({ name: "sign-out by nobody", as: null, method: "POST", path: "/logout", contentType: urlencoded, body: "" });
  return requests;
}

function multipart(fields: Record<string, string>, file?: { name: string; fileName: string; content: string }) {
  const boundary = "corpus-boundary";
  const parts = Object.entries(fields).map(
    ([key, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`,
  );
  if (file) {
    parts.push(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n${file.content}\r\n`,
    );
  }
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: `${parts.join("")}--${boundary}--\r\n` };
}

const QUERY_VALUES = [
  "%00abc",
  "_",
  "%25",
  "1e20",
  "-1",
  "9999-12-31",
  "1000-01-01",
  "0000-00-00",
  "%E4%B8",
  "x".repeat(5000),
  "[]",
  "NaN",
  "%0A%0D",
];

function loaderRequests(context: CorpusContext): MalformedRequest[] {
  const { complaint } = context.caseNos;
  const loaders: { path: string; as: Role; params: string[] }[] = [
    {
      path: "/cases",
      as: "dispatcher",
      params: ["q", "page", "from", "to", "township", "state", "kind", "sort", "overdue", "category"],
    },
    { path: "/cases", as: "township", params: ["q", "page", "township"] },
    { path: "/cases/export", as: "dispatcher", params: ["format", "q", "page", "from", "to", "township"] },
    { path: "/reports", as: "leader", params: ["from", "to", "kind"] },
    { path: "/reports/xlsx", as: "leader", params: ["from", "to", "year", "kind"] },
    { path: "/reports/units", as: "leader", params: ["period", "by"] },
    { path: "/reports/units/xlsx", as: "dispatcher", params: ["period", "by"] },
    { path: "/api/statistics", as: "leader", params: ["from", "to", "year", "kind"] },
    { path: "/intake/lookup", as: "operator", params: ["complainantPhone", "townshipId", "category", "subject", "address"] },
    { path: "/intake/mediation", as: "dispatcher", params: ["from"] },
    { path: "/knowledge", as: "operator", params: ["q", "fromCase"] },
    { path: "/enterprises", as: "township", params: ["q"] },
    { path: "/enterprises", as: "dispatcher", params: ["q"] },
    { path: "/enterprises/suggest", as: "operator", params: ["q"] },
    { path: "/knowledge", as: "dispatcher", params: ["q", "fromCase"] },
    { path: "/replies", as: "township", params: ["done"] },
    { path: "/admin/calendar", as: "admin", params: ["year"] },
    { path: "/admin/import", as: "admin", params: ["job"] },
    { path: "/admin/enterprises", as: "admin", params: ["job"] },
    { path: "/admin/security", as: "admin", params: ["type", "username", "before"] },
    { path: "/login", as: null as unknown as Role, params: ["redirectTo"] },
    { path: `/cases/${complaint}`, as: "dispatcher", params: ["done"] },
    { path: "/notifications", as: "township", params: ["page"] },
    { path: "/notices/cards", as: null as unknown as Role, params: ["year", "page"] },
    { path: "/notices/cards.xlsx", as: null as unknown as Role, params: ["year"] },
    { path: "/supervision", as: "leader", params: ["done"] },
  ];
  const requests: MalformedRequest[] = [];
  for (const loader of loaders) {
    for (const param of loader.params) {
      for (const value of QUERY_VALUES) {
        const as = loader.as ?? null;
        requests.push({
          name: `GET ${loader.path}?${param}=${value.slice(0, 20)}`,
          as,
          method: "GET",
          path: `${loader.path}?${param}=${value}`,
        });
      }
    }
  }
  requests.push({
    name: "GET statistics over a thousand years",
    as: "leader",
    method: "GET",
    path: "/api/statistics?from=1000-01-01&to=1999-12-31",
  });
  requests.push({
    name: "GET report over a thousand years",
    as: "leader",
    method: "GET",
    path: "/reports?from=1000-01-01&to=2999-12-31",
  });
  requests.push({
    name: "GET report with the range reversed",
    as: "leader",
    method: "GET",
    path: "/reports?from=2026-12-31&to=2020-01-01",
  });
  for (const path of [
    "/reports/annual/99999",
    "/reports/annual/abc",
    "/reports/annual/0000",
    "/reports/annual/1e3",
    `/cases/${complaint}/print/unknown`,
    `/cases/${complaint}/print/%00`,
    `/cases/${complaint}/print/transferLetter-1`,
    `/cases/${complaint}/print/transferLetter-abc`,
    `/cases/${complaint}/print/transferLetter-`,
    "/cases/TS-9999-99999",
    "/cases/%00",
    "/cases/%E4%B8",
    "/cases/..%2F..%2Fetc%2Fpasswd",
    "/admin/users/1e308",
    "/admin/users/9223372036854775808",
    "/admin/users/-1",
    "/admin/users/abc",
    "/enterprises/1e308",
    "/enterprises/9223372036854775808",
    "/enterprises/-1",
    "/enterprises/%00",
    "/nowhere",
  ]) {
    requests.push({ name: `GET ${path}`, as: path.startsWith("/admin") ? "admin" : "leader", method: "GET", path });
  }
  return requests;
}

/**
 * JSON nested past any parser's stack and wide enough to cost: each JSON route must answer them with a
 * 4xx (signed routes without parsing an unsigned body at all).
 */
function deepAndWideJson(): { name: string; contentType: string; body: string }[] {
  const json = "application/json";
  return [
    ["5,000 nested arrays", "[".repeat(5000) + "]".repeat(5000)],
    ["5,000 nested objects", '{"a":'.repeat(5000) + "1" + "}".repeat(5000)],
    ["33 nested arrays, one past the limit", "[".repeat(33) + "]".repeat(33)],
    ["brackets inside a string, then too deep", `{"s":"${"[".repeat(100)}","a":${"[".repeat(40)}${"]".repeat(40)}}`],
    ["an array of 20,000 numbers", `[${Array(20_000).fill(1).join(",")}]`],
    ["an object of 5,000 keys", `{${Array.from({ length: 5000 }, (_, i) => `"k${i}":1`).join(",")}}`],
  ].map(([name, body]) => ({ name, contentType: json, body }));
}

/**
 * The JSON API with a valid key: every unreadable body, each field of a transfer given each wrong value
 * and each wrong JSON type (in a work order that lacks its description, so that none can succeed), and
 * hostile query strings and case numbers; and without a key.
 */
function apiRequests(context: CorpusContext): MalformedRequest[] {
  const requests: MalformedRequest[] = [];
  const json = "application/json";
  for (const { name, ...body } of [...unreadableBodies(), ...deepAndWideJson()]) {
    requests.push({ name: `API transfer ${name}`, as: null, bearer: true, method: "POST", path: "/api/v1/cases", ...body });
    requests.push({
      name: `API progress ${name}`,
      as: null,
      bearer: true,
      method: "POST",
      path: `/api/v1/cases/${context.caseNos.complaint}/progress`,
      ...body,
    });
  }
  const base = { workOrderNo: "corpus-1", receivedAt: "2026-03-02T09:00:00+08:00", township: "古南街道", category: "noise" };
  const wrongTypes: unknown[] = [null, 0, -1, 1e308, true, [], ["x"], {}, { $gt: "" }, "x".repeat(70_000)];
  for (const field of [
    "workOrderNo",
    "receivedAt",
    "dueAt",
    "township",
    "category",
    "complainantPhone",
    "kind",
    "urgency",
    "subject",
    "respondentCode",
  ]) {
    for (const value of [...TEXTS, ...DATES, ...NUMBERS, ...wrongTypes]) {
      requests.push({
        name: `API transfer ${field}=${JSON.stringify(value)?.slice(0, 20)}`,
        as: null,
        bearer: true,
        method: "POST",
        path: "/api/v1/cases",
        contentType: json,
        body: JSON.stringify({ ...base, [field]: value }),
      });
    }
  }
  for (const body of [
    '"a string"',
    "null",
    "[]",
    "1e999",
    '{"__proto__":{"admin":true}}',
    `{"a":${"[".repeat(3000)}${"]".repeat(3000)}}`,
  ]) {
    requests.push({
      name: `API transfer body ${body.slice(0, 20)}`,
      as: null,
      bearer: true,
      method: "POST",
      path: "/api/v1/cases",
      contentType: json,
      body,
    });
  }
  for (const [path, params] of [
    ["/api/v1/cases", ["kind", "state", "receivedFrom", "receivedTo", "limit", "cursor", "extra"]],
    ["/api/v1/statistics", ["year", "kind"]],
  ] as const) {
    for (const param of params) {
      for (const value of QUERY_VALUES) {
        requests.push({
          name: `API GET ${path}?${param}=${value.slice(0, 20)}`,
          as: null,
          bearer: true,
          method: "GET",
          path: `${path}?${param}=${value}`,
        });
      }
    }
  }
  for (const caseNo of [
    "TS-9999-99999",
    "%00",
    "%E4%B8",
    "..%2F..%2Fetc%2Fpasswd",
    "x".repeat(500),
    context.caseNos.complaint.toLowerCase(),
  ]) {
    requests.push({
      name: `API GET case ${caseNo.slice(0, 20)}`,
      as: null,
      bearer: true,
      method: "GET",
      path: `/api/v1/cases/${caseNo}`,
    });
  }
  for (const path of [
    "/api/v1/cases",
    "/api/v1/statistics?year=2026",
    "/api/v1/reference",
    `/api/v1/cases/${context.caseNos.complaint}`,
  ]) {
    requests.push({ name: `API GET ${path} without a key`, as: null, method: "GET", path });
  }
  requests.push({
    name: "API transfer without a key",
    as: null,
    method: "POST",
    path: "/api/v1/cases",
    contentType: json,
    body: JSON.stringify(base),
  });
  // A partner's answers: unsigned, forged or unreadable, and a progress report for cases the key never sent.
  for (const { name, ...body } of [...unreadableBodies(), ...deepAndWideJson()]) {
    requests.push({ name: `partner callback ${name}`, as: null, method: "POST", path: "/api/partner-callbacks", ...body });
  }
  for (const body of ["{}", '{"event":"answered","workOrderNo":"TS-2026-00001-Y1","case":{"answer":"x"}}', "[]", "null"]) {
    requests.push({
      name: `partner callback unsigned ${body.slice(0, 20)}`,
      as: null,
      method: "POST",
      path: "/api/partner-callbacks",
      contentType: json,
      body,
    });
  }
  for (const body of [
    '{"stage":"answered","at":"2026-03-02T09:00:00+08:00"}',
    '{"stage":"assigned"}',
    '{"stage":"answered","at":"x"}',
    "[]",
    "{}",
    '{"stage":"answered","at":"2026-03-02T09:00:00+08:00","extra":1}',
  ]) {
    for (const caseNo of [context.caseNos.complaint, "TS-9999-99999", "%00", "x".repeat(300)]) {
      requests.push({
        name: `API progress ${caseNo.slice(0, 15)} ${body.slice(0, 20)}`,
        as: null,
        bearer: true,
        method: "POST",
        path: `/api/v1/cases/${caseNo}/progress`,
        contentType: json,
        body,
      });
    }
  }
  requests.push({
    name: "API DELETE-like PUT",
    as: null,
    bearer: true,
    method: "POST",
    path: "/api/v1/cases/TS-2026-00001",
    contentType: json,
    body: "{}",
  });
  return requests;
}

/** Where a form body carries the corpus's API key (Open311 takes it as the field `api_key`). */
export const API_KEY_PLACEHOLDER = "__API_KEY__";

/**
 * Open311 with a valid key in the form: every unreadable body, each field given each wrong value (in a
 * report that lacks its description, so that none can succeed), hostile paths and query strings.
 */
function open311Requests(context: CorpusContext): MalformedRequest[] {
  const requests: MalformedRequest[] = [];
  const path = "/open311/v2/requests.json";
  for (const { name, ...body } of unreadableBodies())
    requests.push({ name: `Open311 POST ${name}`, as: null, method: "POST", path, ...body });
  const base = { api_key: API_KEY_PLACEHOLDER, service_code: "noise", address_string: "古南街道" };
  const fields = [
    "service_code",
    "lat",
    "long",
    "address_string",
    "first_name",
    "last_name",
    "phone",
    "email",
    "attribute[consent_to_publish]",
    "api_key",
  ];
  for (const field of fields) {
    for (const value of [...TEXTS, ...NUMBERS, ["a", "b"]]) {
      requests.push({
        name: `Open311 POST ${field}=${String(value).slice(0, 20)}`,
        as: null,
        method: "POST",
        path,
        contentType: "application/x-www-form-urlencoded",
        body: form({ ...base, lat: "29", [field]: value }),
      });
    }
  }
  for (const [resource, params] of [
    ["requests.xml", ["service_request_id", "service_code", "status", "start_date", "end_date"]],
    ["servicerequestupdates.json", ["start_date", "end_date"]],
    ["services.xml", ["jurisdiction_id"]],
  ] as const) {
    for (const param of params) {
      for (const value of [...QUERY_VALUES, ...DATES]) {
        requests.push({
          name: `Open311 GET ${resource}?${param}=${value.slice(0, 20)}`,
          as: null,
          method: "GET",
          path: `/open311/v2/${resource}?${param}=${value}`,
        });
      }
    }
  }
  for (const tail of [
    "v2/requests/TS-9999-99999.xml",
    `v2/requests/${context.caseNos.petition}.json`,
    "v2/requests/%00.json",
    "v2/requests/..%2F..%2Fetc%2Fpasswd.json",
    `v2/requests/${"x".repeat(500)}.xml`,
    "v2/services/%E4%B8.json",
    "v2/services/noise.yaml",
    "v2/.json",
    "discovery",
    "%00",
  ]) {
    requests.push({ name: `Open311 GET ${tail.slice(0, 30)}`, as: null, method: "GET", path: `/open311/${tail}` });
  }
  requests.push({
    name: "Open311 POST without a key",
    as: null,
    method: "POST",
    path,
    contentType: "application/x-www-form-urlencoded",
    body: form({ service_code: "noise", address_string: "古南街道", description: "无密钥" }),
  });
  requests.push({
    name: "Open311 POST to services",
    as: null,
    method: "POST",
    path: "/open311/v2/services.xml",
    contentType: "application/x-www-form-urlencoded",
    body: form(base),
  });
  return requests;
}

export function malformedRequests(context: CorpusContext): MalformedRequest[] {
  return [...formRequests(context), ...loaderRequests(context), ...apiRequests(context), ...open311Requests(context)];
}
