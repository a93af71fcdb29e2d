/** Reference data of docs/domain.md, seeded when missing; administrators may add to it later. */

/** The 21 townships (街道/镇) of Qijiang district. */
export const QIJIANG_TOWNSHIPS = [
  "古南街道",
  "文龙街道",
  "三江街道",
  "通惠街道",
  "新盛街道",
  "篆塘镇",
  "丁山镇",
  "三角镇",
  "永新镇",
  "石壕镇",
  "安稳镇",
  "打通镇",
  "赶水镇",
  "隆盛镇",
  "郭扶镇",
  "扶欢镇",
  "东溪镇",
  "石角镇",
  "横山镇",
  "中峰镇",
  "永城镇",
] as const;

/** Bureau-side units a case can also be assigned to. */
export const DEFAULT_UNITS = ["区生态环境保护综合行政执法支队", "区生态环境监测站"] as const;

export const CHANNELS = [
  { code: "hotline12369", name: "12369热线" },
  { code: "transfer12345", name: "12345转办" },
  { code: "letter", name: "来信" },
  { code: "visit", name: "来访" },
  { code: "online", name: "网络" },
  { code: "superior", name: "上级交办" },
  { code: "other", name: "其他" },
] as const;

export const CATEGORIES = [
  { code: "air", name: "大气" },
  { code: "water", name: "水" },
  { code: "noise", name: "噪声" },
  { code: "solidWaste", name: "固体废物" },
  { code: "cookingFumes", name: "餐饮油烟" },
  { code: "voc", name: "挥发性有机物" },
  { code: "radiation", name: "辐射" },
  { code: "soil", name: "土壤" },
  { code: "ecology", name: "生态破坏" },
  { code: "other", name: "其他" },
] as const;
