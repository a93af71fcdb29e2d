import { describe, expect, it } from "vitest";
import { DEFAULT_REPEAT_REPORT_RULE as rule, repeatReportDecision, warningInForce } from "./repeat-reports";

const day = (n: number, hour = 9) => new Date(Date.UTC(2026, 2, n, hour - 8));
const report = (caseId: number, n: number, hour?: number) => ({ caseId, receivedAt: day(n, hour) });

describe("repeat-report warnings", () => {
  it("the second report raises nothing; the third within 30 days raises one counting all three", () => {
    expect(repeatReportDecision(rule, report(2, 5), [report(1, 1)], [])).toEqual({ kind: "none" });
    expect(repeatReportDecision(rule, report(3, 20), [report(1, 1), report(2, 5)], [])).toEqual({
      kind: "raise",
      raisedAt: day(20),
      windowEndsAt: new Date(day(20).getTime() + 30 * 86_400_000),
      caseIds: [1, 2, 3],
    });
  });

  it("a fourth report within the warning's window joins it and raises no other", () => {
    const warning = { id: 7, raisedAt: day(20), windowEndsAt: new Date(day(20).getTime() + 30 * 86_400_000) };
    expect(repeatReportDecision(rule, report(4, 21), [report(1, 1), report(2, 5), report(3, 20)], [warning])).toEqual({
      kind: "join",
      warningId: 7,
    });
  });

  it("counts only the window's days: a report 30 days old no longer counts, one a moment younger does", () => {
    const old = { caseId: 1, receivedAt: new Date(day(31).getTime() - 30 * 86_400_000) };
    expect(repeatReportDecision(rule, report(3, 31), [old, report(2, 10)], [])).toEqual({ kind: "none" });
    const younger = { caseId: 1, receivedAt: new Date(old.receivedAt.getTime() + 1) };
    expect(repeatReportDecision(rule, report(3, 31), [younger, report(2, 10)], []).kind).toBe("raise");
  });

  it("after the window a new run of reports raises a new warning", () => {
    const warning = { id: 7, raisedAt: day(1), windowEndsAt: new Date(day(1).getTime() + 30 * 86_400_000) };
    const after = new Date(warning.windowEndsAt.getTime());
    const decision = repeatReportDecision(rule, { caseId: 9, receivedAt: after }, [report(7, 25), report(8, 28)], [warning]);
    expect(decision.kind).toBe("raise");
    expect(warningInForce(warning, after)).toBe(false);
    expect(warningInForce(warning, new Date(after.getTime() - 1))).toBe(true);
  });

  it("does not count the report itself twice, and follows a configured threshold", () => {
    const same = report(2, 5);
    expect(repeatReportDecision(rule, same, [report(1, 1), same], [])).toEqual({ kind: "none" });
    expect(repeatReportDecision({ threshold: 2, windowDays: 7 }, same, [report(1, 1)], []).kind).toBe("raise");
    expect(repeatReportDecision({ threshold: 2, windowDays: 3 }, same, [report(1, 1)], []).kind).toBe("none");
  });
});
