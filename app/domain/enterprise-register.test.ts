import { describe, expect, it } from "vitest";
import { creditCodeFrom } from "./credit-code";
import { readUnitRows } from "./enterprise-register";

const townships = new Map([
  ["古南街道", 1],
  ["古南", 1],
  ["永城镇", 21],
  ["永城", 21],
]);
const CODE_A = creditCodeFrom("91500222", "GL000001");
const CODE_B = creditCodeFrom("92500222", "GL000002");
const HEADER = ["所属街镇", "统一社会信用代码", "单位名称", "地址", "行业类别", "曾用名", "重点排污单位", "在线监控"];

describe("reading an enterprise register", () => {
  it("reads the columns in any order, flags as 是/否, former names as a list", () => {
    const { units, problems, unknownColumns } = readUnitRows(
      [
        [...HEADER, "备注"],
        [
          "古南",
          CODE_A.toLowerCase(),
          "綦河示范化工有限公司",
          "古南街道桥河村1组",
          "化学原料制造",
          "綦河化工厂、示范化工",
          "是",
          "",
        ],
        ["永城镇", CODE_B, "老王汽修店", "永城镇中华路2号", "汽车修理", "", "否", "√"],
      ],
      townships,
    );
    expect(problems).toEqual([]);
    expect(unknownColumns).toEqual(["备注"]);
    expect(units).toEqual([
      expect.objectContaining({
        creditCode: CODE_A,
        townshipId: 1,
        formerNames: ["綦河化工厂", "示范化工"],
        keyDischarge: true,
        onlineMonitoring: false,
        randomInspection: false,
      }),
      expect.objectContaining({
        creditCode: CODE_B,
        townshipId: 21,
        formerNames: [],
        keyDischarge: false,
        onlineMonitoring: true,
      }),
    ]);
  });

  it("lists every problem of every row with its column, and a code given twice at its second row", () => {
    const bad = `${CODE_A.slice(0, 17)}${CODE_A[17] === "0" ? "1" : "0"}`;
    const { units, problems } = readUnitRows(
      [
        HEADER,
        ["綦江镇", bad, "", "地址", "行业", "", "也许", ""],
        ["古南街道", CODE_A, "甲", "地址", "行业", "", "", ""],
        ["古南街道", CODE_A, "乙", "地址", "行业", "", "", ""],
      ],
      townships,
    );
    expect(units).toHaveLength(1);
    expect(problems).toEqual([
      expect.objectContaining({
        row: 2,
        column: "统一社会信用代码",
        problem: "badCreditCode",
        codeProblem: expect.objectContaining({ problem: "checkCharacter" }),
      }),
      { row: 2, column: "单位名称", problem: "required" },
      { row: 2, column: "所属街镇", problem: "unknownTownship", value: "綦江镇" },
      { row: 2, column: "重点排污单位", problem: "badFlag", value: "也许" },
      { row: 4, column: "统一社会信用代码", problem: "duplicateCreditCode", value: CODE_A, firstRow: 3 },
    ]);
  });

  it("names the missing columns, and an empty file", () => {
    expect(readUnitRows([["单位名称", "地址"]], townships).problems.map((problem) => problem.column)).toEqual([
      "统一社会信用代码",
      "所属街镇",
      "行业类别",
    ]);
    expect(readUnitRows([HEADER], townships).problems).toEqual([{ row: 0, column: "", problem: "noRows" }]);
  });
});
