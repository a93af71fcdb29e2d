import { describe, expect, it } from "vitest";
import { fillReplyTemplate, replyPurposeOf, replyValuesOf, unknownReplyVariables } from "./reply-templates";
import { fillPlaceholders, placeholdersNotIn } from "./placeholders";

describe("reply templates", () => {
  const values = replyValuesOf(
    {
      caseNo: "TS-2026-00012",
      receivedAt: new Date("2026-03-01T16:30:00Z"), // 03-02 00:30 in Shanghai
      dueAt: new Date("2026-03-23T15:59:59Z"),
      townshipName: "永城镇",
    },
    "綦江区生态环境局",
    new Date("2026-03-10T02:00:00Z"),
  );

  it("fills the case's values, its dates as Shanghai days", () => {
    expect(
      fillReplyTemplate("{bureau}：您于{receivedDate}反映的{caseNo}，{township}已于{today}办结（期限{dueDate}）。", values),
    ).toBe("綦江区生态环境局：您于2026-03-02反映的TS-2026-00012，永城镇已于2026-03-10办结（期限2026-03-23）。");
  });

  it("leaves a case without a due day empty there, and anything else in braces as written", () => {
    const noDue = replyValuesOf({ caseNo: "X", receivedAt: new Date(0), dueAt: null, townshipName: null }, "局", new Date(0));
    expect(fillReplyTemplate("[{dueDate}][{township}]{其他}{toString}{__proto__}", noDue)).toBe(
      "[][]{其他}{toString}{__proto__}",
    );
  });

  it("names the placeholders that are not variables, once each", () => {
    expect(unknownReplyVariables("{caseNo}{caseNumber}{caseNumber}{ }")).toEqual(["caseNumber", " "]);
    expect(unknownReplyVariables("没有变量")).toEqual([]);
  });

  it("gives each step with a text its purpose, and the others none", () => {
    expect(replyPurposeOf("conclude")).toBe("answer");
    expect(replyPurposeOf("submit")).toBe("result");
    expect(replyPurposeOf("reject")).toBe("rejection");
    expect(replyPurposeOf("sendBack")).toBe("sendBack");
    expect(replyPurposeOf("return")).toBe("sendBack");
    expect(replyPurposeOf("requestExtension")).toBe("extension");
    expect(replyPurposeOf("accept")).toBeNull();
    expect(replyPurposeOf("note")).toBeNull();
  });
});

describe("placeholders", () => {
  it("reads {name} the same way for every kind of text", () => {
    expect(placeholdersNotIn("{a}{b}{c}", ["a"])).toEqual(["b", "c"]);
    expect(fillPlaceholders("{a}{b}{{a}}", { a: "1" })).toBe("1{b}{1}");
  });
});
