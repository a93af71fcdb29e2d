import { describe, expect, it } from "vitest";
import { type Choice, choiceFor, choiceInText, choiceText, nameStem } from "./typed-choice";

const townships: Choice[] = [
  { value: "1", name: "古南街道", initials: "gnjd" },
  { value: "2", name: "文龙街道", initials: "wljd" },
  { value: "3", name: "三江街道", initials: "sjjd" },
  { value: "8", name: "三角镇", initials: "sjz" },
  { value: "18", name: "石角镇", initials: "sjz" },
  { value: "20", name: "石壕镇", initials: "shz" },
  { value: "21", name: "永城镇", initials: "ycz" },
  { value: "9", name: "永新镇", initials: "yxz" },
];

describe("choiceFor", () => {
  it.each([
    ["永城镇", "21"],
    ["永城", "21"],
    ["ycz", "21"],
    ["YCZ", "21"],
    [" y c z ", "21"],
    ["yc", "21"],
    ["21", "21"],
    ["古南", "1"],
    ["gn", "1"],
    ["g", "1"],
    ["石壕", "20"],
    ["三江", "3"],
  ])("reads %s as the choice %s", (typed, value) => {
    expect(choiceFor(typed, townships)?.value).toBe(value);
  });

  it.each([
    ["sjz", "三角镇 and 石角镇 share their initials"],
    ["sj", "three names start so"],
    ["永", "永城镇 and 永新镇"],
    ["y", "two initials start with y"],
    ["", "nothing typed"],
    ["   ", "only spaces"],
    ["綦江", "no such township"],
    ["99", "no such id"],
    ["街道", "a suffix names no township"],
  ])("reads %s as no choice (%s)", (typed) => {
    expect(choiceFor(typed, townships)).toBeNull();
  });

  it("prefers an exact name to a longer one it starts", () => {
    const choices: Choice[] = [
      { value: "a", name: "其他", initials: "qt" },
      { value: "b", name: "其他噪声", initials: "qtzs" },
    ];
    expect(choiceFor("其他", choices)?.value).toBe("a");
    expect(choiceFor("qt", choices)?.value).toBe("a");
    expect(choiceFor("qtz", choices)?.value).toBe("b");
  });

  it("reads a category's code as sent by a form or a client, whatever its case (solidWaste was refused)", () => {
    const categories: Choice[] = [
      { value: "solidWaste", name: "固体废物", initials: "gtfw" },
      { value: "cookingFumes", name: "餐饮油烟", initials: "cyyy" },
    ];
    expect(choiceFor("solidWaste", categories)?.value).toBe("solidWaste");
    expect(choiceFor("cookingfumes", categories)?.value).toBe("cookingFumes");
  });
});

describe("nameStem", () => {
  it.each([
    ["永城镇", "永城"],
    ["古南街道", "古南"],
    ["某乡", "某乡"],
    ["噪声", "噪声"],
  ])("%s → %s", (name, stem) => expect(nameStem(name)).toBe(stem));
});

describe("choiceText", () => {
  it("names a value the form sent back and keeps any other text", () => {
    expect(choiceText("21", townships)).toBe("永城镇");
    expect(choiceText("yc", townships)).toBe("yc");
    expect(choiceText(undefined, townships)).toBe("");
  });
});

describe("choiceInText", () => {
  it.each([
    ["古南街道沱湾路8号", "1"],
    ["永城中华村3组", "21"],
    ["重庆市綦江区石壕镇万隆村", "20"],
    ["三江街道和三角镇交界处", "3"],
    ["在三角镇靠近古南街道", "8"],
  ])("finds the township %s names", (address, value) => {
    expect(choiceInText(address, townships)?.value).toBe(value);
  });

  it("finds none in an address naming no township", () => {
    expect(choiceInText("通惠路99号", townships)).toBeNull();
    expect(choiceInText("", townships)).toBeNull();
  });
});
