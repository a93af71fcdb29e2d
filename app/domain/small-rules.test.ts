import { describe, expect, it } from "vitest";
import { createWorkCalendar, parseHolidayCsv } from "./calendar";
import { formatCaseNo, parseCaseNo, typedCaseNo } from "./case-kinds";
import { homePathFor, sameDayLastYear } from "./home";
import { formatLocalDateTime, isLocalDate, parseLocalDateTime } from "./local-time";
import { spreadsheetSafeCell, textOfSpreadsheetCell } from "./ledger";
import {
  confidentialTexts,
  identitiesInText,
  identityForViewer,
  maskIdentityNumbers,
  maskName,
  maskPhone,
  normalizePhone,
  redactConfidential,
} from "./masking";
import { DEFAULT_POLICIES, type DeadlinePolicy, fieldMilestonesMetBy, selectPolicy, validatePolicyRules } from "./policies";
import { looksLikeSameReport, textSimilarity } from "./similarity";

describe("case numbers", () => {
  it("are prefix, year and a five-digit sequence", () => {
    expect(formatCaseNo("complaint", 2020, 733)).toBe("TS-2020-00733");
    expect(formatCaseNo("petition", 2026, 1)).toBe("XF-2026-00001");
    expect(formatCaseNo("mediation", 2026, 123456)).toBe("TJ-2026-123456");
  });
  it("parse back, case-insensitively, and refuse anything else", () => {
    expect(parseCaseNo("ts-2020-00733")).toEqual({ kind: "complaint", year: 2020, seq: 733 });
    expect(parseCaseNo("XX-2020-00001")).toBeNull();
    // As complainants type it from a receipt or a message.
    for (const typed of ["ts202000733", " ts-2020-00733 ", "TS 2020 00733", "ＴＳ－２０２０－００７３３", "Ts_2020_00733"])
      expect(typedCaseNo(typed), typed).toBe("TS-2020-00733");
    expect(typedCaseNo("not a number")).toBe("NOT A NUMBER");
    expect(parseCaseNo("TS-20-1")).toBeNull();
  });
});

describe("phone and ID numbers in free text", () => {
  it("are masked in any spacing or punctuation, the complainant's name with them", () => {
    const text =
      "投诉人赵六六（电话 136 5555 6666）反映，联系 136-5555-6666 或 13655556666，座机 (023) 4860 1234，身份证 500222 19800101 123X。";
    const seen = redactConfidential(text, [{ text: "赵六六", masked: "赵**" }]);
    expect(seen).toBe(
      "投诉人赵**（电话 136****6666）反映，联系 136****6666 或 136****6666，座机 023****1234，身份证 500***********123X。",
    );
    for (const shown of ["5555", "赵六六", "4860", "19800101"]) expect(seen).not.toContain(shown);
  });

  it("leave dates, times, case numbers, measurements and units' public numbers alone", () => {
    const text = "TS-2026-00001 于 2026-03-02 09:00 受理，噪声 65.5 分贝，距离 120 米，企业电话 023-48600000。";
    expect(maskIdentityNumbers(text, ["02348600000"])).toBe(text);
    expect(maskIdentityNumbers("+86 138 1234 5678")).toBe("+86 138****5678");
  });

  it("are found for the operator's warning at intake", () => {
    expect(identitiesInText("联系 136-5555-6666", null)).toEqual(["phone"]);
    expect(identitiesInText("身份证500222198001011234", null)).toEqual(["idNumber"]);
    expect(identitiesInText("赵六六反映噪声", "赵六六")).toEqual(["complainantName"]);
    expect(identitiesInText("夜间施工噪声扰民", "赵六六")).toEqual([]);
  });
});

describe("masking", () => {
  it("keeps the surname and the phone's first three and last four digits", () => {
    expect(maskName("张三")).toBe("张*");
    expect(maskName("欧阳小明")).toBe("欧***");
    expect(maskPhone("13812345678")).toBe("138****5678");
    expect(maskPhone("023-4567 8901")).toBe("023****8901");
    expect(maskPhone("12345")).toBe("*2345");
  });
  it("leaves the identity visible when the complainant agreed to disclosure", () => {
    const record = { complainantName: "张三", complainantPhone: "13812345678", consentToDisclose: true };
    expect(identityForViewer(record, true)).toEqual(record);
    expect(identityForViewer({ ...record, consentToDisclose: false }, true)).toMatchObject({
      complainantName: "张*",
      complainantPhone: "138****5678",
    });
    expect(identityForViewer({ ...record, consentToDisclose: false }, false)).toMatchObject({ complainantName: "张三" });
  });
  it("normalizes phones to digits", () => {
    expect(normalizePhone(" 138-1234 5678 ")).toBe("13812345678");
  });
});

describe("local time", () => {
  it("reads the ledger's date forms as Shanghai time", () => {
    expect(parseLocalDateTime("2020-01-23 16:20")!.toISOString()).toBe("2020-01-23T08:20:00.000Z");
    expect(parseLocalDateTime("2020-01-23")!.toISOString()).toBe("2020-01-22T16:00:00.000Z");
    expect(parseLocalDateTime("2020-02-30")).toBeNull();
    expect(parseLocalDateTime("2020-01-01 24:00")).toBeNull();
    expect(parseLocalDateTime("yesterday")).toBeNull();
  });
  it("formats instants in Shanghai time", () => {
    expect(formatLocalDateTime(new Date("2020-12-31T16:30:00Z"))).toBe("2021-01-01 00:30:00");
    expect(isLocalDate("2021-02-29")).toBe(false);
    expect(isLocalDate("2020-02-29")).toBe(true);
  });
});

describe("the holiday calendar", () => {
  it("parses the official CSV and reports bad rows by number", () => {
    const { entries, errors } = parseHolidayCsv(
      "date,type,name,schedule_year\n2027-01-01,holiday,元旦,2027\n2027-02-30,holiday,x,2027\n2027-02-06,rest,x,2027\n",
    );
    expect(entries).toEqual([{ date: "2027-01-01", type: "holiday", name: "元旦", scheduleYear: 2027 }]);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^row 3:/);
    expect(errors[1]).toMatch(/^row 4:/);
  });
  it("a make-up Saturday works, a holiday weekday rests", () => {
    const calendar = createWorkCalendar([
      { date: "2020-09-27", type: "workday", scheduleYear: 2020 },
      { date: "2020-10-01", type: "holiday", scheduleYear: 2020 },
    ]);
    expect(calendar.isWorkingDay("2020-09-27")).toBe(true);
    expect(calendar.isWorkingDay("2020-10-01")).toBe(false);
    expect(calendar.isWorkingDay("2020-10-11")).toBe(false);
    expect(calendar.hasScheduleFor(2020)).toBe(true);
    expect(calendar.hasScheduleFor(2021)).toBe(false);
  });
});

describe("deadline policies", () => {
  const policies: DeadlinePolicy[] = DEFAULT_POLICIES.map((policy, index) => ({
    ...policy,
    id: index + 1,
    effectiveFrom: new Date("2000-01-01"),
  }));
  const criteria = {
    kind: "complaint" as const,
    channel: "letter",
    category: "noise",
    urgency: "normal" as const,
    receivedAt: new Date("2026-03-01"),
  };

  it("the most specific policy in force wins", () => {
    expect(selectPolicy(policies, criteria)!.name).toBe("投诉举报（一般）");
    expect(selectPolicy(policies, { ...criteria, urgency: "urgent" })!.rules.milestones.map((m) => m.milestone)).toEqual([
      "accept",
      "respond",
      "firstReport",
      "conclude",
    ]);
    expect(selectPolicy(policies, { ...criteria, kind: "petition" })!.rules.milestones[1]).toEqual({
      milestone: "conclude",
      from: "accepted",
      amount: 60,
      unit: "calendar_days",
    });
  });

  it("a new version applies only to cases received after it takes effect", () => {
    const newer: DeadlinePolicy = {
      ...policies[0],
      id: 99,
      effectiveFrom: new Date("2026-06-01"),
      rules: {
        ...policies[0].rules,
        milestones: [{ milestone: "conclude", from: "received", amount: 10, unit: "working_days" }],
      },
    };
    expect(selectPolicy([...policies, newer], criteria)!.id).toBe(1);
    expect(selectPolicy([...policies, newer], { ...criteria, receivedAt: new Date("2026-06-02") })!.id).toBe(99);
  });

  it("validation names each problem", () => {
    expect(validatePolicyRules(policies[0].rules)).toEqual([]);
    expect(
      validatePolicyRules({
        ...policies[0].rules,
        milestones: [{ milestone: "accept", from: "received", amount: 0, unit: "working_days" }],
      }),
    ).toEqual(["accept: amount must be a whole number ≥ 1", "a policy needs a conclude milestone"]);
  });
});

describe("possible duplicates", () => {
  it("similar subjects and addresses match, different ones do not", () => {
    expect(looksLikeSameReport("永盛石材加工厂", "永盛石材厂")).toBe(true);
    expect(looksLikeSameReport("古南街道沱湾路12号", "沱湾路12号")).toBe(true);
    expect(looksLikeSameReport("永盛石材加工厂", "好味烧烤店")).toBe(false);
    expect(looksLikeSameReport("厂", "厂")).toBe(false);
    expect(textSimilarity("abc", "abc")).toBe(1);
  });
});

describe("home pages", () => {
  it("each role starts where its work is", () => {
    expect(homePathFor("operator")).toBe("/intake");
    expect(homePathFor("dispatcher")).toBe("/dispatch");
    expect(homePathFor("township")).toBe("/inbox");
    expect(homePathFor("leader")).toBe("/");
    expect(homePathFor("admin")).toBe("/admin/users");
  });

  it("last year's same day exists", () => {
    expect(sameDayLastYear("2026-11-26")).toBe("2025-11-26");
    expect(sameDayLastYear("2024-02-29")).toBe("2023-02-28");
  });
});

describe("CSV cells that a spreadsheet would run as formulas", () => {
  it.each(['=HYPERLINK("http://evil.example","点此")', "@SUM(A1:A9)", "+86 138", "-1+2", "\t=1", "\r=1", "'=typed"])(
    "writes %j as text and reads it back unchanged",
    (cell) => {
      const written = spreadsheetSafeCell(cell);
      expect(written).toBe(`'${cell}`);
      expect(textOfSpreadsheetCell(written)).toBe(cell);
    },
  );

  it("leaves ordinary cells, and apostrophes that protect nothing, alone", () => {
    for (const cell of ["夜间噪声", "2020-03-02 09:00", "'引号开头", "", "TS-2020-00001", "a=b"]) {
      expect(spreadsheetSafeCell(cell)).toBe(cell);
      expect(textOfSpreadsheetCell(cell)).toBe(cell);
    }
  });
});

describe("redacting confidential texts", () => {
  const record = {
    complainantName: "周建国",
    complainantPhone: "13700001111",
    consentToDisclose: false,
    parties: [
      { type: "person", name: "周建国", phone: "13700001111", address: "古南街道滨河路2号" },
      { type: "unit", name: "恒达石材厂", phone: null, address: "" },
    ],
  };

  it("masks people's names, phones and addresses wherever they stand, and leaves units' names", () => {
    const texts = confidentialTexts(record);
    const redacted = redactConfidential(
      {
        claim: "周建国要求赔偿",
        history: [{ after: { parties: ["applicant:周建国", "respondent:恒达石材厂"] } }],
        at: new Date(0),
        n: 1,
      },
      texts,
    );
    expect(JSON.stringify(redacted)).not.toMatch(/周建国|13700001111|滨河路/);
    expect(redacted.claim).toBe("周**要求赔偿");
    expect(redacted.history[0].after.parties).toEqual(["applicant:周**", "respondent:恒达石材厂"]);
    expect(redacted.at).toEqual(new Date(0));
  });

  it("leaves the complainant alone when they consented, and masks nothing for an empty list", () => {
    expect(confidentialTexts({ ...record, parties: [], consentToDisclose: true })).toEqual([]);
    expect(redactConfidential("周建国", [])).toBe("周建国");
  });
});

describe("urgent field milestones", () => {
  it("the on-site visit meets the response whoever makes it; only the handling unit's note or result is its first report", () => {
    expect(fieldMilestonesMetBy("onSite", "township")).toEqual(["respond"]);
    expect(fieldMilestonesMetBy("onSite", "dispatcher")).toEqual(["respond"]);
    expect(fieldMilestonesMetBy("note", "township")).toEqual(["firstReport"]);
    expect(fieldMilestonesMetBy("submit", "township")).toEqual(["firstReport"]);
    expect(fieldMilestonesMetBy("note", "dispatcher")).toEqual([]);
    expect(fieldMilestonesMetBy("requestExtension", "township")).toEqual([]);
  });
});
