import { describe, expect, it } from "vitest";
import { officialCalendar } from "../../tests/support/holidays";
import {
  CARD_ACTIONS,
  CARD_STATES,
  allowedCardActions,
  isCardInForce,
  mayFollow,
  mayTakeCardAction,
  rectificationDeadline,
} from "./cards";
import { formatLocalDateTime, parseLocalDateTime } from "./local-time";

const calendar = officialCalendar();
const at = (text: string) => parseLocalDateTime(text)!;
const shown = (instant: Date) => formatLocalDateTime(instant);

const desk = { role: "dispatcher", townshipId: null };
const gunan = { role: "township", townshipId: 1 };
const wenlong = { role: "township", townshipId: 2 };
const card = (state: string) => ({ state, unitTownshipId: 1 });

describe("a card's rectification deadline", () => {
  it("counts working days from the day after issue, the make-up Sunday in, the National Day week out", () => {
    // Issued Friday 26 Sep 2025; Sunday 28 Sep is a working day, 1–8 Oct are holidays.
    const steps = rectificationDeadline(calendar, at("2025-09-26 10:00"), 5);
    expect(shown(steps.overdue)).toBe("2025-10-10 23:59:59");
    // The warning at the end of the second working day before the due day: Thu 9 Oct, then, over the holiday, Tue 30 Sep.
    expect(shown(steps.warning)).toBe("2025-09-30 23:59:59");
    // Supervision three working days after: Sat 11 Oct is a make-up working day.
    expect(shown(steps.supervision)).toBe("2025-10-14 23:59:59");
  });

  it("a deadline of one or two working days warns half-way", () => {
    const issued = at("2026-03-02 10:00");
    const steps = rectificationDeadline(calendar, issued, 1);
    expect(shown(steps.overdue)).toBe("2026-03-03 23:59:59");
    const halfWay = issued.getTime() + Math.floor((steps.overdue.getTime() - issued.getTime()) / 2);
    expect(steps.warning.getTime()).toBe(halfWay);
  });
});

describe("who takes which step on a card", () => {
  it("the desk and the unit's own township record the finding while it is awaited; only the desk lifts", () => {
    expect(allowedCardActions(desk, card("inForce"))).toEqual(["recordRectified", "recordNotRectified", "lift"]);
    expect(allowedCardActions(gunan, card("inForce"))).toEqual(["recordRectified", "recordNotRectified"]);
    expect(allowedCardActions(wenlong, card("inForce"))).toEqual([]);
    for (const role of ["operator", "leader", "admin"]) {
      expect(allowedCardActions({ role, townshipId: null }, card("inForce")), role).toEqual([]);
    }
  });

  it("a card found not rectified may still be found rectified; a rectified one only lifted; escalated and lifted are final", () => {
    expect(allowedCardActions(gunan, card("notRectified"))).toEqual(["recordRectified"]);
    expect(allowedCardActions(desk, card("rectified"))).toEqual(["lift"]);
    for (const state of ["escalated", "lifted"]) {
      for (const action of CARD_ACTIONS) expect(mayTakeCardAction(desk, card(state), action), `${state} ${action}`).toBe(false);
    }
  });

  it("is in force unless lifted or followed by a red card", () => {
    expect(CARD_STATES.filter(isCardInForce)).toEqual(["inForce", "rectified", "notRectified"]);
  });

  it("a red card follows only a yellow card found not rectified; a yellow card follows nothing", () => {
    expect(mayFollow("red", null)).toBe(true);
    expect(mayFollow("yellow", null)).toBe(true);
    expect(mayFollow("red", { colour: "yellow", state: "notRectified" })).toBe(true);
    for (const state of ["inForce", "rectified", "escalated", "lifted"]) {
      expect(mayFollow("red", { colour: "yellow", state }), state).toBe(false);
    }
    expect(mayFollow("red", { colour: "red", state: "notRectified" })).toBe(false);
    expect(mayFollow("yellow", { colour: "yellow", state: "notRectified" })).toBe(false);
  });
});
