import { describe, expect, it } from "vitest";
import {
  awaitsReply,
  isRemoteStage,
  normalizedBaseUrl,
  replyIsResult,
  transferIdOfWorkOrder,
  transferWorkOrderNo,
} from "./partners";

describe("transfers out", () => {
  it("names a transfer's work order after the case and the transfer, and reads it back", () => {
    const number = transferWorkOrderNo("TS-2026-00012", 7);
    expect(number).toBe("TS-2026-00012-Y7");
    expect(transferIdOfWorkOrder(number)).toBe(7);
    // Platforms' own numbers and anything crafted are not ours.
    for (const other of [
      "12345-2026-000001",
      "TS-2026-00012",
      "TS-2026-00012-Y",
      "TS-2026-00012-Y1234567890",
      "ts-2026-00012-Y7",
      " TS-2026-00012-Y7",
    ]) {
      expect(transferIdOfWorkOrder(other), other).toBeNull();
    }
  });

  it("awaits a reply until one is recorded, unless the transfer never arrived", () => {
    expect(awaitsReply({ repliedAt: null, delivery: "sending" })).toBe(true);
    expect(awaitsReply({ repliedAt: null, delivery: "letter" })).toBe(true);
    expect(awaitsReply({ repliedAt: null, delivery: "failed" })).toBe(false);
    expect(awaitsReply({ repliedAt: new Date(), delivery: "delivered" })).toBe(false);
  });

  it("takes a transfer's reply as the case's result, a joint case's not", () => {
    expect(replyIsResult("transfer")).toBe(true);
    expect(replyIsResult("joint")).toBe(false);
  });

  it("takes only the public stages from a partner", () => {
    expect(isRemoteStage("answered")).toBe(true);
    for (const other of ["assigned", "submitted", "", null, 1, "<script>"]) expect(isRemoteStage(other)).toBe(false);
  });

  it("keeps an installation's address plain: http(s), no credentials, query or trailing slash", () => {
    expect(normalizedBaseUrl(" https://greenline.ws.gov.cn/ ")).toBe("https://greenline.ws.gov.cn");
    expect(normalizedBaseUrl("http://10.0.0.5:3000/greenline/")).toBe("http://10.0.0.5:3000/greenline");
    for (const bad of [
      "ftp://x",
      "https://user:pw@x",
      "https://x/?a=1",
      "https://x/#a",
      "javascript:alert(1)",
      "not a url",
      "",
    ]) {
      expect(normalizedBaseUrl(bad), bad).toBeNull();
    }
  });
});
