import { describe, expect, it } from "vitest";
import {
  CREDIT_CODE_CHARACTERS,
  creditCodeFrom,
  creditCodeProblem,
  isCreditCode,
  normalizeCreditCode,
  organizationCheckCharacter,
} from "./credit-code";

/** The standard's own example (GB 32100-2015). */
const EXAMPLE = "91350100M000100Y43";

describe("the unified social credit code", () => {
  it("accepts the standard's example", () => {
    expect(creditCodeProblem(EXAMPLE)).toBeNull();
    expect(organizationCheckCharacter("M000100Y")).toBe("4");
  });

  it("refuses every change of one character of it, whatever the new character", () => {
    const alphabet = [...CREDIT_CODE_CHARACTERS, "I", "O", "S", "V", "Z", "a", "*"];
    let changes = 0;
    for (let position = 0; position < EXAMPLE.length; position += 1) {
      for (const character of alphabet) {
        if (character === EXAMPLE[position]) continue;
        const changed = EXAMPLE.slice(0, position) + character + EXAMPLE.slice(position + 1);
        expect(isCreditCode(changed), changed).toBe(false);
        changes += 1;
      }
    }
    expect(changes).toBe(18 * (alphabet.length - 1));
  });

  it("says why a code is refused", () => {
    expect(creditCodeProblem("91350100M000100Y4")).toEqual({ problem: "length", length: 17 });
    expect(creditCodeProblem("91350100M000100Y4O")).toEqual({ problem: "character", position: 18, character: "O" });
    expect(creditCodeProblem("913501A0M000100Y43")).toEqual({ problem: "division", position: 7, character: "A" });
    expect(creditCodeProblem("91350100M000100Y53")).toEqual({ problem: "organizationCheck", expected: "4", found: "5" });
    expect(creditCodeProblem("91350100M000100Y44")).toEqual({ problem: "checkCharacter", expected: "3", found: "4" });
  });

  it("reads a code as typed: spaces, hyphens and small letters", () => {
    expect(normalizeCreditCode(" 9135 0100-m000100y43 ")).toBe(EXAMPLE);
  });

  it("makes valid codes for invented units", () => {
    for (const body of ["GL000001", "GL000002", "GLQJ0107", "00000000", "XYXYXYXY"]) {
      expect(creditCodeProblem(creditCodeFrom("91500222", body))).toBeNull();
    }
    // The organization check is X for 10 and 0 for 11 (GB 11714).
    expect(["X", "0"]).toContain(organizationCheckCharacter("00000001").replace(/[1-9]/, "X"));
  });
});
