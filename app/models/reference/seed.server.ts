import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { prisma } from "~/db.server";
import { forgetReference } from "./kept.server";
import { projectPath } from "~/paths.server";
import { parseHolidayCsv } from "~/domain/calendar";
import { addLocalDays, instantFromLocal, localDateOf, MS_PER_HOUR } from "~/domain/local-time";
import { DEFAULT_POLICIES } from "~/domain/policies";
import { CATEGORIES, CHANNELS, DEFAULT_UNITS, QIJIANG_TOWNSHIPS } from "~/domain/reference-data";
import type { Actor, Role } from "~/domain/roles";
import type { MediationApplication } from "~/domain/case-commands";
import type { CaseChange } from "~/forms/case-actions";
import { changeCase, registerCase } from "../case/service.server";
import { createUser } from "../accounts/users.server";
import { CREDIT_GRADES } from "~/domain/credit-grades";
import { changeCard, issueCard } from "../enterprises/cards.server";
import { creditCodeFrom } from "~/domain/credit-code";

const HOLIDAY_CSV = projectPath("prisma/reference/cn-holidays.csv");
/** Default policies apply to every case, however old (ledgers of earlier years are imported too). */
const POLICIES_EFFECTIVE_FROM = new Date("2000-01-01T00:00:00+08:00");

/** Reference data of docs/domain.md, added where missing; never changes what an administrator edited. */
export async function seedReferenceData() {
  const existingTownships = new Set((await prisma.township.findMany({ select: { name: true } })).map((t) => t.name));
  const townships = [
    ...QIJIANG_TOWNSHIPS.map((name, index) => ({ name, kind: "township", sortOrder: index + 1 })),
    ...DEFAULT_UNITS.map((name, index) => ({ name, kind: "unit", sortOrder: index + 1 })),
  ].filter((township) => !existingTownships.has(township.name));
  if (townships.length > 0) await prisma.township.createMany({ data: townships });

  const channelCodes = new Set((await prisma.channel.findMany()).map((c) => c.code));
  const channels = CHANNELS.map((c, i) => ({ ...c, sortOrder: i + 1 })).filter((c) => !channelCodes.has(c.code));
  if (channels.length > 0) await prisma.channel.createMany({ data: channels });

  const categoryCodes = new Set((await prisma.category.findMany()).map((c) => c.code));
  const categories = CATEGORIES.map((c, i) => ({ ...c, sortOrder: i + 1 })).filter((c) => !categoryCodes.has(c.code));
  if (categories.length > 0) await prisma.category.createMany({ data: categories });

  const addsPolicies = (await prisma.deadlinePolicy.count()) === 0;
  if (addsPolicies) {
    await prisma.deadlinePolicy.createMany({
      data: DEFAULT_POLICIES.map((policy) => ({
        ...policy,
        rules: JSON.stringify(policy.rules),
        effectiveFrom: POLICIES_EFFECTIVE_FROM,
      })),
    });
  }

  const { entries, errors } = parseHolidayCsv(readFileSync(HOLIDAY_CSV, "utf8"));
  if (errors.length > 0) throw new Error(`prisma/reference/cn-holidays.csv: ${errors.join("; ")}`);
  const scheduled = new Set((await prisma.holidayDate.groupBy({ by: ["scheduleYear"] })).map((row) => row.scheduleYear));
  const missing = entries.filter((entry) => !scheduled.has(entry.scheduleYear));
  if (missing.length > 0) await prisma.holidayDate.createMany({ data: missing });
  if (townships.length + channels.length + categories.length + missing.length > 0 || addsPolicies) {
    await forgetReference("calendar", "policies", "intakeVocabulary", "unitNames");
  }
  return { townships: townships.length, channels: channels.length, categories: categories.length, holidays: missing.length };
}

export const DEMO_PASSWORD = "greenline-demo";

export const DEMO_USERS: { username: string; displayName: string; role: Role; township?: string }[] = [
  { username: "operator", displayName: "接线员 周敏", role: "operator" },
  { username: "dispatcher", displayName: "信访科 陈立", role: "dispatcher" },
  { username: "township", displayName: "古南街道 王强", role: "township", township: "古南街道" },
  { username: "township2", displayName: "文龙街道 刘洋", role: "township", township: "文龙街道" },
  { username: "leader", displayName: "局领导 赵军", role: "leader" },
  { username: "admin", displayName: "系统管理员", role: "admin" },
];

/** One account per role (password DEMO_PASSWORD), created when missing. */
export async function seedDemoUsers() {
  const townships = new Map((await prisma.township.findMany()).map((t) => [t.name, t.id]));
  const users = new Map<string, Actor>();
  for (const demo of DEMO_USERS) {
    const existing = await prisma.user.findUnique({ where: { username: demo.username } });
    const user =
      existing ??
      (await createUser({
        ...demo,
        townshipId: demo.township ? townships.get(demo.township) : null,
        password: DEMO_PASSWORD,
      }));
    users.set(demo.username, { id: user.id, role: user.role as Role, townshipId: user.townshipId });
  }
  return users;
}

/** Staff of the townships without a demo account, who sign nothing but appear in the demo audit trails. */
async function ensureTownshipStaff(users: Map<string, Actor>) {
  const staff = new Map<number, Actor>();
  for (const actor of users.values()) if (actor.role === "township" && actor.townshipId) staff.set(actor.townshipId, actor);
  for (const township of await prisma.township.findMany({ where: { kind: "township" } })) {
    if (staff.has(township.id)) continue;
    const username = `staff-${township.id}`;
    const user =
      (await prisma.user.findUnique({ where: { username } })) ??
      (await createUser({
        username,
        displayName: `${township.name} 经办人`,
        role: "township",
        townshipId: township.id,
        password: randomBytes(18).toString("base64"),
      }));
    staff.set(township.id, { id: user.id, role: "township", townshipId: township.id });
  }
  return staff;
}

/** A small deterministic generator, so that the demo data is the same on every machine. */
function randomSource(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)],
  };
}

const SURNAMES = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "罗", "邓", "谢", "唐"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "霞"];
const SUBJECTS = [
  "永盛石材加工厂",
  "鑫达汽修厂",
  "老街火锅店",
  "宏发建材有限公司",
  "川渝砂石场",
  "顺通物流园",
  "金桥化工有限公司",
  "绿源养殖场",
  "兴旺机械加工厂",
  "天成混凝土搅拌站",
  "好味烧烤店",
  "恒通洗车场",
  "新城建筑工地",
  "富民印刷厂",
];
const PROBLEMS: Record<string, string[]> = {
  air: ["夜间排放刺鼻废气，附近居民无法开窗", "烟囱冒黑烟，周边有明显粉尘", "露天焚烧垃圾，烟雾很大"],
  water: ["向河沟排放污水，水面发黑发臭", "雨污管道混接，污水直排入河", "养殖废水流入农田"],
  noise: ["夜间施工噪声扰民，持续到凌晨", "机器轰鸣声很大，影响休息", "商铺外放音响声音过大"],
  solidWaste: ["随意倾倒建筑垃圾", "工业固废堆放在路边未覆盖", "废机油桶露天堆放"],
  cookingFumes: ["油烟直排，未安装净化设施", "油烟管道低空排放，熏到楼上住户"],
  voc: ["喷漆作业气味很重，未见废气处理设施", "印刷车间有机溶剂气味刺鼻"],
  radiation: ["楼顶新装基站，担心辐射影响"],
  soil: ["厂区地面油污渗入土壤"],
  ecology: ["河道内违规采砂，破坏河岸", "砍伐山林堆放弃土"],
  other: ["反映环境问题处理进度", "咨询环评公示情况"],
};
const ROADS = ["沱湾路", "文龙大道", "通惠路", "九龙大道", "新街", "河滨路", "工业园路", "老街"];

type DemoFate =
  | "registered"
  | "accepted"
  | "assigned"
  | "assignedLate"
  | "assignedDueSoon"
  | "extensionPending"
  | "submitted"
  | "concluded"
  | "closed"
  | "rejected"
  | "merged"
  | "reopened";

/** How many demo cases end in each state: every state present, some due soon, some overdue. */
const DEMO_FATES: [DemoFate, number][] = [
  ["registered", 16],
  ["accepted", 10],
  ["assigned", 40],
  ["assignedLate", 14],
  ["assignedDueSoon", 14],
  ["extensionPending", 6],
  ["submitted", 18],
  ["concluded", 16],
  ["closed", 48],
  ["rejected", 8],
  ["merged", 6],
  ["reopened", 4],
];

function receivedDaysAgo(fate: DemoFate, random: ReturnType<typeof randomSource>): number {
  switch (fate) {
    case "registered":
      return random.int(0, 1);
    case "accepted":
      return random.int(0, 2);
    case "assignedLate":
      return random.int(24, 40);
    case "assignedDueSoon":
      return random.int(17, 19);
    case "closed":
      return random.int(25, 90);
    case "concluded":
      return random.int(15, 30);
    default:
      return random.int(2, 14);
  }
}

/**
 * Invented demo data: one account per role and about 200 complaints spread over every state, made
 * through the same functions the application uses, so that each has its milestones and audit trail.
 */
export async function seedDemoData(now = new Date()) {
  const users = await seedDemoUsers();
  if ((await prisma.case.count()) > 0) return { users: users.size, cases: 0 };
  const operator = users.get("operator")!;
  const dispatcher = users.get("dispatcher")!;
  const townshipStaff = await ensureTownshipStaff(users);
  const townships = await prisma.township.findMany({ where: { kind: "township" }, orderBy: { sortOrder: "asc" } });
  const random = randomSource(20201231);

  const plans = DEMO_FATES.flatMap(([fate, count]) => Array.from({ length: count }, () => fate)).map((fate) => {
    const daysAgo = receivedDaysAgo(fate, random);
    const day = addLocalDays(localDateOf(now), -daysAgo);
    const receivedAt = new Date(
      Math.min(instantFromLocal(day, random.int(8, 21), random.int(0, 59)).getTime(), now.getTime() - 30 * 60_000),
    );
    // Half of the demo cases fall in the two townships with demo accounts, so both inboxes have work.
    const township = random.next() < 0.5 ? townships[random.int(0, 1)] : random.pick(townships);
    return { fate, receivedAt, township };
  });
  plans.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());

  const unitIds = await seedDemoUnits(townships);
  const openCaseNos: string[] = [];
  const returnable: { caseNo: string; townshipId: number }[] = [];
  let created = 0;
  for (const plan of plans) {
    const category = random.pick(CATEGORIES).code;
    const anonymous = random.next() < 0.2;
    const subject = random.pick(SUBJECTS);
    const record = await registerCase(
      operator,
      {
        kind: "complaint",
        channel: random.pick(CHANNELS).code,
        receivedAt: plan.receivedAt,
        complainantName: anonymous
          ? null
          : random.pick(SURNAMES) + random.pick(GIVEN) + (random.next() < 0.5 ? random.pick(GIVEN) : ""),
        complainantPhone: anonymous ? null : `13${random.int(0, 9)}${String(random.int(0, 99_999_999)).padStart(8, "0")}`,
        consentToDisclose: random.next() < 0.3,
        // Every tenth complainant refused text messages (without drawing another number: the rest stays as it was).
        refusesMessages: created % 10 === 9,
        // A third agreed to publication (Open311), again without drawing a number.
        consentToPublish: created % 3 === 0,
        townshipId: plan.township.id,
        category,
        subject,
        respondentId: unitIds.get(subject) ?? null,
        address: `${plan.township.name}${random.pick(ROADS)}${random.int(1, 300)}号`,
        description: `${subject}${random.pick(PROBLEMS[category])}。`,
        urgency: random.next() < 0.1 ? "urgent" : "normal",
      },
      { now: plan.receivedAt, scheduleJobs: false },
    );
    created += 1;

    const steps = demoSteps(plan.fate, plan.township.id, openCaseNos, random);
    let at = plan.receivedAt.getTime();
    let version = record.version;
    for (const step of steps) {
      at = Math.min(at + step.afterHours * MS_PER_HOUR, now.getTime() - 60_000);
      const actor = step.by === "dispatcher" ? dispatcher : townshipStaff.get(plan.township.id)!;
      const updated = await changeCase(actor, record.caseNo, version, step.change, { now: new Date(at), scheduleJobs: false });
      version = updated.version;
    }
    if (["assigned", "assignedLate", "assignedDueSoon", "submitted"].includes(plan.fate)) openCaseNos.push(record.caseNo);
    if (plan.fate === "assigned") returnable.push({ caseNo: record.caseNo, townshipId: plan.township.id });
  }
  await seedDemoReturns(dispatcher, townshipStaff, returnable.slice(-2), now);
  created += await seedDemoPetitionsAndMediations(
    operator,
    dispatcher,
    townshipStaff.get(townships[0].id)!,
    townships[0].id,
    now,
  );
  await seedDemoCards(dispatcher, townshipStaff, unitIds, now);
  await prisma.replyTemplate.createMany({ data: DEMO_REPLY_TEMPLATES.map((template) => ({ ...template, ownerId: null })) });
  const reviewBy = addLocalDays(localDateOf(now), 300);
  await prisma.knowledgeEntry.createMany({
    data: DEMO_KNOWLEDGE.map((entry, index) => ({
      ...entry,
      // One entry is past its review date, so the administrator's list has something to show.
      reviewBy: index === 0 ? addLocalDays(localDateOf(now), -10) : reviewBy,
      createdById: dispatcher.id,
    })),
  });
  return { users: users.size, cases: created };
}

/**
 * Invented registered units for most of the demo subjects (the rest stay unregistered respondents), with
 * invented credit codes that pass the standard's checks; never real enterprises' names or codes.
 */
async function seedDemoUnits(townships: { id: number; name: string }[]) {
  const industries = [
    "非金属矿物制品业",
    "汽车修理与维护",
    "餐饮业",
    "建材批发",
    "砂石开采",
    "道路货物运输",
    "化学原料制造",
    "畜牧业",
    "通用设备制造",
    "混凝土制品",
  ];
  const ids = new Map<string, number>();
  for (const [index, name] of SUBJECTS.slice(0, 10).entries()) {
    const township = townships[index % 4];
    const unit = await prisma.regulatedUnit.create({
      data: {
        creditCode: creditCodeFrom(index % 3 === 2 ? "92500222" : "91500222", `GL${String(index + 1).padStart(6, "0")}`),
        name,
        address: `${township.name}${ROADS[index % ROADS.length]}${10 + index}号`,
        townshipId: township.id,
        industry: industries[index],
        keyDischarge: index === 6,
        randomInspection: index % 2 === 0,
        onlineMonitoring: index === 6,
      },
    });
    ids.set(name, unit.id);
    // Last year's evaluation for most of them, in every grade (an invented distribution).
    if (index < 8) {
      await prisma.creditGrade.create({
        data: { unitId: unit.id, year: new Date().getFullYear() - 1, grade: CREDIT_GRADES[index % 4], updatedAt: new Date() },
      });
    }
  }
  return ids;
}

/**
 * Demo cards through the card functions: a yellow card being rectified, one found not rectified and
 * followed by a red card, one rectified and lifted (invented reasons and document numbers).
 */
async function seedDemoCards(dispatcher: Actor, townshipStaff: Map<number, Actor>, unitIds: Map<string, number>, now: Date) {
  const [first, second, third] = [...unitIds.values()];
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const yellow = (reason: string) => ({
    colour: "yellow" as const,
    reason,
    legalBasis: "《中华人民共和国大气污染防治法》第九十九条",
    evidence: "区生态环境监测站监测报告（示例）",
    rectifyWorkingDays: 15,
  });
  await issueCard(dispatcher, first, yellow("颗粒物排放浓度超过排放标准"), daysAgo(10));
  const notRectified = await issueCard(dispatcher, second, yellow("废气排放超过总量控制指标"), daysAgo(60));
  const unitOf = async (id: number) => (await prisma.regulatedUnit.findUniqueOrThrow({ where: { id } })).townshipId;
  const staffOf = async (id: number) => townshipStaff.get(await unitOf(id)) ?? dispatcher;
  await changeCard(await staffOf(second), second, notRectified!.id, "recordNotRectified", "复查仍超标排放。", daysAgo(35));
  await issueCard(
    dispatcher,
    second,
    {
      ...yellow("黄牌警示后整改不到位，继续超标排放"),
      colour: "red",
      penaltyDecisionNo: "綦环罚〔示例〕1号",
      followsId: notRectified!.id,
      rectifyWorkingDays: 30,
    },
    daysAgo(34),
  );
  const lifted = await issueCard(dispatcher, third, yellow("污水处理设施未正常运行"), daysAgo(90));
  await changeCard(await staffOf(third), third, lifted!.id, "recordRectified", "设施已修复，复测达标。", daysAgo(70));
  await changeCard(dispatcher, third, lifted!.id, "lift", "整改到位，复查合格。", daysAgo(68));
}

/** Answers a desk gives again and again (invented wording; the legal bases are the laws' real titles). */
const DEMO_KNOWLEDGE = [
  {
    question: "餐饮店油烟扰民由谁处理",
    answer:
      "餐饮服务业油烟污染由城市管理综合行政执法部门查处；生态环境部门可协助监测。请告知店名和地址，我们将转交并跟踪办理结果。",
    department: "区城市管理局",
    legalBasis: "《中华人民共和国大气污染防治法》第一百一十八条",
  },
  {
    question: "夜间建筑施工噪声扰民怎么办",
    answer: "夜间（22时至次日6时）施工须取得夜间施工证明并公告附近居民；未取得的，由住房城乡建设部门或生态环境部门依职责查处。",
    department: "区住房城乡建委",
    legalBasis: "《中华人民共和国噪声污染防治法》第四十三条",
  },
  {
    question: "企业向河道偷排污水如何举报",
    answer: "请提供排放位置、时间和照片视频；我局执法支队将现场采样检测，查实的依法处罚并责令改正。举报人信息严格保密。",
    department: "区生态环境保护综合行政执法支队",
    legalBasis: "《中华人民共和国水污染防治法》第三十九条、第八十三条",
  },
];

/** The bureau's phrases a new installation's desk starts from (invented; administrators replace them). */
const DEMO_REPLY_TEMPLATES = [
  {
    purpose: "answer",
    title: "属实已整改",
    body: "您于{receivedDate}反映的问题（编号{caseNo}），经{township}会同执法人员现场核查，情况属实，已责令当事方整改，整改已完成。感谢您对生态环境保护工作的支持。",
  },
  {
    purpose: "answer",
    title: "不属实",
    body: "您于{receivedDate}反映的问题（编号{caseNo}），经{township}现场核查，未发现所反映的情况。如仍有问题，请拨打12345或再次反映。",
  },
  {
    purpose: "result",
    title: "现场核查已整改",
    body: "{today}，{township}工作人员到达现场核查：反映情况属实，已当场要求整改，并复查确认整改到位。",
  },
  { purpose: "rejection", title: "不属本局职责", body: "该事项不属于生态环境部门职责范围，已告知投诉人向有关部门反映。" },
  { purpose: "sendBack", title: "缺少现场照片", body: "办理结果缺少现场核查照片和整改前后对比，请补充后重新提交。" },
  { purpose: "extension", title: "需监测数据", body: "需委托监测站采样检测，检测报告出具前无法作出结论，申请延期。" },
];

/** A few petitions and mediations in their characteristic states, made like the complaints above. */
async function seedDemoPetitionsAndMediations(
  operator: Actor,
  dispatcher: Actor,
  township: Actor,
  townshipId: number,
  now: Date,
) {
  const daysAgo = (days: number, hour = 10) =>
    new Date(Math.min(now.getTime() - 60_000, now.getTime() - days * 86_400_000 + (hour - 10) * MS_PER_HOUR));
  const base = (kind: "petition" | "mediation", receivedAt: Date, name: string, description: string) => ({
    kind,
    channel: kind === "petition" ? "letter" : "visit",
    receivedAt,
    complainantName: name,
    complainantPhone: `139${String(Math.floor(receivedAt.getTime() / 1000) % 100_000_000).padStart(8, "0")}`,
    consentToDisclose: false,
    townshipId,
    category: "water",
    subject: "金桥化工有限公司",
    address: "古南街道工业园8号",
    description,
    urgency: "normal" as const,
  });
  const steps = async (caseNo: string, list: [Actor, CaseChange, Date][]) => {
    for (const [actor, change, at] of list) {
      const { version } = await prisma.case.findUniqueOrThrow({ where: { caseNo } });
      await changeCase(actor, caseNo, version, change, { now: at, scheduleJobs: false });
    }
  };
  const options = (at: Date) => ({ now: at, scheduleJobs: false });
  const petitions = [
    await registerCase(
      operator,
      base("petition", daysAgo(3), "钱明", "来信反映化工厂夜间向河道排放污水，要求查处并书面答复。"),
      options(daysAgo(3)),
    ),
    await registerCase(
      operator,
      base("petition", daysAgo(40), "孙丽", "来访反映化工厂异味扰民，多次投诉未解决。"),
      options(daysAgo(40)),
    ),
    await registerCase(
      operator,
      base("petition", daysAgo(75), "李强", "来信反映河道黑臭，要求公开监测数据。"),
      options(daysAgo(75)),
    ),
  ];
  await steps(petitions[1].caseNo, [
    [dispatcher, { action: "accept" }, daysAgo(38)],
    [dispatcher, { action: "assign", assigneeId: townshipId }, daysAgo(38)],
  ]);
  await steps(petitions[2].caseNo, [
    [dispatcher, { action: "accept" }, daysAgo(70)],
    [dispatcher, { action: "assign", assigneeId: townshipId }, daysAgo(70)],
    [township, { action: "submit", text: "经现场核查和监测，河道水质已达标，监测数据已在区政府网站公开。" }, daysAgo(30)],
    [dispatcher, { action: "conclude", text: "经调查核实，河道水质监测结果已公开，相关企业已完成整改。" }, daysAgo(25)],
  ]);
  const parties = (applicant: string): MediationApplication["parties"] => [
    { role: "applicant", type: "person", name: applicant, phone: "13700001234", address: "古南街道滨河路12号" },
    { role: "respondent", type: "unit", name: "金桥化工有限公司", phone: "023-48601234", address: "古南街道工业园8号" },
  ];
  const mediation = (days: number, applicant: string) =>
    registerCase(operator, base("mediation", daysAgo(days), applicant, "化工厂废水导致申请人鱼塘死鱼，双方就赔偿发生争议。"), {
      ...options(daysAgo(days)),
      mediation: { parties: parties(applicant), claim: "赔偿鱼塘损失 12000 元。", relatedCaseNo: null },
    });
  const scheduled = await mediation(6, "周建华");
  await steps(scheduled.caseNo, [
    [dispatcher, { action: "accept" }, daysAgo(5)],
    [
      dispatcher,
      {
        action: "mediationSession",
        session: {
          status: "scheduled",
          scheduledAt: new Date(now.getTime() + 2 * 86_400_000),
          place: "区生态环境局调解室",
          mediatorIds: [dispatcher.id],
        },
      },
      daysAgo(5),
    ],
  ]);
  const agreed = await mediation(50, "吴小平");
  await steps(agreed.caseNo, [
    [dispatcher, { action: "accept" }, daysAgo(48)],
    [
      dispatcher,
      {
        action: "mediationSession",
        session: {
          status: "held",
          scheduledAt: daysAgo(40),
          place: "古南街道人民调解委员会",
          mediatorIds: [dispatcher.id],
          attendees: "吴小平；金桥化工有限公司 张经理",
          notes: "双方就赔偿金额达成一致。",
        },
      },
      daysAgo(40),
    ],
    [
      dispatcher,
      {
        action: "concludeMediation",
        outcome: "agreement",
        text: "金桥化工有限公司一次性赔偿吴小平鱼塘损失 9000 元，吴小平不再就此事主张其他权利。",
        obligations: [{ party: "金桥化工有限公司", obligation: "支付赔偿款 9000 元", dueDate: localDateOf(daysAgo(20)) }],
      },
      daysAgo(39),
    ],
  ]);
  return petitions.length + 2;
}

/**
 * Two returns (退单) of recent cases, without drawing random numbers (the rest of the demo stays as it
 * was): one the desk upheld, one waiting for its decision on the desk's queue.
 */
async function seedDemoReturns(
  dispatcher: Actor,
  townshipStaff: Map<number, Actor>,
  cases: { caseNo: string; townshipId: number }[],
  now: Date,
) {
  for (const [index, { caseNo, townshipId }] of cases.entries()) {
    const returnedAt = new Date(now.getTime() - (index === 0 ? 5 : 2) * MS_PER_HOUR);
    const { version } = await prisma.case.findUniqueOrThrow({ where: { caseNo }, select: { version: true } });
    const returned = await changeCase(
      townshipStaff.get(townshipId)!,
      caseNo,
      version,
      { action: "return", ground: "notOurArea", reason: "现场核实，被投诉点位于相邻街镇辖区。", suggestedUnitId: null },
      { now: returnedAt, scheduleJobs: false },
    );
    if (index > 0) continue;
    await changeCase(
      dispatcher,
      caseNo,
      returned.version,
      {
        action: "decideReturn",
        decision: "uphold",
        assigneeId: null,
        assistingIds: [],
        reason: "经核对地址，被投诉点属本街镇辖区，维持交办。",
      },
      { now: new Date(returnedAt.getTime() + MS_PER_HOUR), scheduleJobs: false },
    );
  }
}

interface DemoStep {
  by: "dispatcher" | "township";
  afterHours: number;
  change: CaseChange;
}

function demoSteps(
  fate: DemoFate,
  townshipId: number,
  openCaseNos: string[],
  random: ReturnType<typeof randomSource>,
): DemoStep[] {
  const accept: DemoStep = { by: "dispatcher", afterHours: random.int(1, 6), change: { action: "accept" } };
  const assign: DemoStep = { by: "dispatcher", afterHours: 1, change: { action: "assign", assigneeId: townshipId } };
  const note: DemoStep = {
    by: "township",
    afterHours: random.int(4, 30),
    change: { action: "note", text: "已到现场核查，正在调查取证。" },
  };
  const submit: DemoStep = {
    by: "township",
    afterHours: random.int(24, 120),
    change: { action: "submit", text: "经现场核查，已责令当事人立即整改，整改已完成并复查。" },
  };
  const conclude: DemoStep = {
    by: "dispatcher",
    afterHours: random.int(2, 24),
    change: { action: "conclude", text: "您反映的问题已由属地街镇核查处理，已责令整改到位。感谢您的监督。" },
  };
  const close: DemoStep = {
    by: "dispatcher",
    afterHours: random.int(24, 72),
    change: { action: "close", satisfaction: random.pick(["满意", "满意", "基本满意", "不满意"]) },
  };
  const assigned = [accept, assign, note];
  switch (fate) {
    case "registered":
      return [];
    case "accepted":
      return [accept];
    case "assigned":
    case "assignedLate":
    case "assignedDueSoon":
      return assigned;
    case "extensionPending":
      return [
        ...assigned,
        {
          by: "township",
          afterHours: 24,
          change: { action: "requestExtension", amount: 5, reason: "涉及多个排污单位，需联合执法调查。" },
        },
      ];
    case "submitted":
      return [...assigned, submit];
    case "concluded":
      return [...assigned, submit, conclude];
    case "closed":
      return [...assigned, submit, conclude, close];
    case "reopened":
      return [
        ...assigned,
        submit,
        conclude,
        { by: "dispatcher", afterHours: 48, change: { action: "reopen", reason: "回访时投诉人反映问题反弹，重新办理。" } },
      ];
    case "rejected":
      return [
        {
          by: "dispatcher",
          afterHours: 2,
          change: { action: "reject", reason: "不属于生态环境部门职责范围，已告知向住建部门反映。" },
        },
      ];
    case "merged":
      return openCaseNos.length > 0
        ? [{ by: "dispatcher", afterHours: 1, change: { action: "merge", targetCaseNo: random.pick(openCaseNos) } }]
        : [];
  }
}
