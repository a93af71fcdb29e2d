import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config.server";

describe("the configuration", () => {
  it("refuses a work order received over 30 days ago unless told otherwise, and checks the setting", () => {
    expect(parseConfig({ NODE_ENV: "test" }).TRANSFER_IN_MAX_AGE_DAYS).toBe(30);
    expect(parseConfig({ NODE_ENV: "test", TRANSFER_IN_MAX_AGE_DAYS: "90" }).TRANSFER_IN_MAX_AGE_DAYS).toBe(90);
    expect(() => parseConfig({ NODE_ENV: "test", TRANSFER_IN_MAX_AGE_DAYS: "0" })).toThrow(ConfigError);
  });

  it("takes a public origin as scheme and host only", () => {
    expect(parseConfig({ NODE_ENV: "test", PUBLIC_ORIGIN: "https://greenline.gov.cn" }).PUBLIC_ORIGIN).toBe(
      "https://greenline.gov.cn",
    );
    expect(() => parseConfig({ NODE_ENV: "test", PUBLIC_ORIGIN: "https://greenline.gov.cn/app" })).toThrow(ConfigError);
  });
});
