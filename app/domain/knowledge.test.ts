import { describe, expect, it } from "vitest";
import { defaultReviewBy, isPastReview, knowledgeScore, rankKnowledge } from "./knowledge";

const entry = (question: string, answer = "", extra = {}) => ({ question, answer, department: "", legalBasis: "", ...extra });

describe("the knowledge base's search", () => {
  const entries = [
    entry("餐饮油烟扰民如何处理", "由综合行政执法部门负责查处餐饮服务业油烟。", { department: "区城市管理局" }),
    entry("夜间建筑施工噪声", "夜间施工须取得许可，未经许可的由住房城乡建设部门查处。"),
    entry("河道排污如何举报", "可拨打12345或12369反映，生态环境部门调查处理。"),
  ];

  it("finds an entry from a question asked as a caller asks it, without spaces", () => {
    expect(rankKnowledge("饭店油烟扰民怎么办", entries).map((found) => found.question)).toEqual(["餐饮油烟扰民如何处理"]);
    expect(rankKnowledge("夜间施工噪声扰民", entries).map((found) => found.question)).toEqual(["夜间建筑施工噪声"]);
  });

  it("puts an entry whose question matches before one whose answer does", () => {
    const both = [entry("别的问题", "油烟净化设施"), entry("油烟净化设施怎么装")];
    expect(rankKnowledge("油烟净化设施", both).map((found) => found.question)).toEqual(["油烟净化设施怎么装", "别的问题"]);
  });

  it("finds nothing for a query sharing too little, or for nothing typed", () => {
    expect(rankKnowledge("辐射", entries)).toEqual([]);
    expect(rankKnowledge("", entries)).toEqual([]);
    expect(rankKnowledge("  ，。", entries)).toEqual([]);
  });

  it("scores between 0 and 1", () => {
    expect(knowledgeScore("餐饮油烟扰民如何处理", entries[0])).toBe(1);
    expect(knowledgeScore("完全无关的内容", entries[0])).toBe(0);
  });
});

describe("review dates", () => {
  it("are a year on by default, and past once the day after has come", () => {
    expect(defaultReviewBy("2026-03-02")).toBe("2027-03-02");
    expect(isPastReview("2026-03-01", "2026-03-02")).toBe(true);
    expect(isPastReview("2026-03-02", "2026-03-02")).toBe(false);
  });
});
