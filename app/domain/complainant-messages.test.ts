import { describe, expect, it } from "vitest";
import {
  MAX_MESSAGE_LENGTH,
  MESSAGE_EVENTS,
  type MessageValues,
  messageEventOf,
  messageStatusOf,
  receivesMessages,
  renderMessage,
  unknownVariables,
} from "./complainant-messages";
import { CASE_ACTIONS } from "./workflow";

const values: MessageValues = {
  bureau: "綦江区生态环境局",
  lookupUrl: "https://greenline.example.gov.cn/query",
  caseNo: "TS-2020-00733",
  receivedDate: "2020-10-09",
  dueDate: "2020-10-30",
  reason: "不属于本局职责",
  days: "15",
  answer: "已责令整改。",
};

describe("complainant messages", () => {
  it("are sent by exactly the steps that the complainant must hear of", () => {
    const sending = CASE_ACTIONS.filter((action) => messageEventOf(action) !== null);
    expect(sending.sort()).toEqual(["accept", "approveExtension", "close", "conclude", "concludeMediation", "reject"]);
    expect(new Set(sending.map(messageEventOf))).toEqual(new Set(MESSAGE_EVENTS.filter((event) => event !== "receipt")));
  });

  it("fill every variable a template names, wherever and however often", () => {
    expect(renderMessage("{caseNo}：{receivedDate} 收到，{dueDate} 前答复。{caseNo}", values)).toBe(
      "TS-2020-00733：2020-10-09 收到，2020-10-30 前答复。TS-2020-00733",
    );
    expect(renderMessage("延长 {days} 天：{reason}。{answer}", values)).toBe("延长 15 天：不属于本局职责。已责令整改。");
    // The signature is the bureau's configured name, never a placeholder.
    expect(renderMessage("【{bureau}】请在 {lookupUrl} 查询。", values)).toBe(
      "【綦江区生态环境局】请在 https://greenline.example.gov.cn/query 查询。",
    );
  });

  it("leave text that is not a variable alone, and find the names that are not variables", () => {
    expect(renderMessage("{casNo} {} {caseNo}", values)).toBe("{casNo} {} TS-2020-00733");
    expect(unknownVariables("{casNo} {caseNo} {} {casNo} {名字}")).toEqual(["casNo", "", "名字"]);
    expect(unknownVariables("{caseNo}{reason}{answer}{days}{dueDate}{receivedDate}")).toEqual([]);
  });

  it("are cut to the longest message with an ellipsis", () => {
    const text = renderMessage("{answer}", { ...values, answer: "长".repeat(1000) });
    expect(text).toHaveLength(MAX_MESSAGE_LENGTH);
    expect(text.endsWith("…")).toBe(true);
    expect(renderMessage("短", values)).toBe("短");
  });

  it("go only to a complainant with a phone who did not refuse them", () => {
    expect(receivesMessages({ complainantPhone: "13800000000", refusesMessages: false })).toBe(true);
    expect(receivesMessages({ complainantPhone: "13800000000", refusesMessages: true })).toBe(false);
    expect(receivesMessages({ complainantPhone: null, refusesMessages: false })).toBe(false);
    expect(receivesMessages({ complainantPhone: "", refusesMessages: false })).toBe(false);
  });

  it("show the gateway's receipt first, then the hand-over", () => {
    expect(messageStatusOf(null, null)).toBe("notConfigured");
    expect(messageStatusOf({ status: "pending" }, null)).toBe("pending");
    expect(messageStatusOf({ status: "delivered" }, null)).toBe("handedOver");
    expect(messageStatusOf({ status: "failed" }, null)).toBe("handOverFailed");
    expect(messageStatusOf({ status: "delivered" }, "delivered")).toBe("delivered");
    expect(messageStatusOf({ status: "delivered" }, "failed")).toBe("undelivered");
  });
});
