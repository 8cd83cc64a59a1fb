import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AftercareTimeline } from "~/components/figures/aftercare-timeline";
import {
  AFTERCARE_ACTIVITIES,
  DAY_MAX,
  DAY_MIN,
  activityStatusOnDay,
  adviceSpan,
  aftercareOnDay,
  clampDay,
  describeSpan,
  healingNoteOnDay,
  sourceStatusOnDay,
  summariseDay,
  type ActivityId,
  type ActivityStatus,
} from "~/components/figures/aftercare-timeline/model";

function activity(id: ActivityId) {
  const found = AFTERCARE_ACTIVITIES.find((a) => a.id === id);
  if (!found) throw new Error(`no activity ${id}`);
  return found;
}

function statusOn(id: ActivityId, day: number): ActivityStatus {
  const found = aftercareOnDay(day).activities.find((a) => a.id === id);
  if (!found) throw new Error(`no activity ${id} on day ${day}`);
  return found.status;
}

describe("clampDay", () => {
  it("keeps whole days inside 0–30 and rounds fractions", () => {
    expect(clampDay(DAY_MIN)).toBe(0);
    expect(clampDay(DAY_MAX)).toBe(30);
    expect(clampDay(-1)).toBe(0);
    expect(clampDay(31)).toBe(30);
    expect(clampDay(2.6)).toBe(3);
  });

  it("refuses NaN rather than showing day 0", () => {
    expect(() => clampDay(Number.NaN)).toThrow(RangeError);
  });
});

describe("sourceStatusOnDay", () => {
  it("treats 'no washing for 48 hours' as lifting on day 2", () => {
    const scalpGenesis = activity("washing").advice.find((a) => a.source === "ScalpGenesis")!;
    expect(sourceStatusOnDay(scalpGenesis, 1)).toBe("advises-against");
    expect(sourceStatusOnDay(scalpGenesis, 2)).toBe("lifted");
  });

  it("marks a source that gives a range (foil shaver on day 4–6) as partly lifted inside it", () => {
    const browstoat = activity("foil-shaver").advice.find((a) => a.source === "Browstoat")!;
    expect(sourceStatusOnDay(browstoat, 3)).toBe("advises-against");
    expect(sourceStatusOnDay(browstoat, 4)).toBe("partly-lifted");
    expect(sourceStatusOnDay(browstoat, 5)).toBe("partly-lifted");
    expect(sourceStatusOnDay(browstoat, 6)).toBe("lifted");
  });

  it("never lifts advice that has no end date (daily SPF)", () => {
    const meraki = activity("sun-without-spf").advice.find((a) => a.source === "Meraki")!;
    expect(sourceStatusOnDay(meraki, 0)).toBe("advises-against");
    expect(sourceStatusOnDay(meraki, DAY_MAX)).toBe("advises-against");
  });
});

describe("washing or wetting: sources range from 48 hours to 5 days", () => {
  it("is advised against by every source on days 0 and 1", () => {
    expect(statusOn("washing", 0)).toBe("all-advise-against");
    expect(statusOn("washing", 1)).toBe("all-advise-against");
  });

  it("is disputed from day 2 (ScalpGenesis lifts) through day 4 (Vinci still says no)", () => {
    expect(statusOn("washing", 2)).toBe("sources-disagree");
    expect(statusOn("washing", 4)).toBe("sources-disagree");
    const day4 = aftercareOnDay(4).activities.find((a) => a.id === "washing")!;
    expect(day4.sources.filter((s) => s.status === "advises-against").map((s) => s.source)).toEqual(["Vinci"]);
  });

  it("is no longer advised against by any source from day 5", () => {
    expect(statusOn("washing", 5)).toBe("none-advise-against");
  });

  it("describes the spread in words", () => {
    expect(adviceSpan(activity("washing"))).toEqual({ earliest: 2, latest: 5 });
    expect(describeSpan(activity("washing"))).toBe("sources range from 2 to 5 days");
  });
});

describe("the other activities at their boundary days", () => {
  it("sweating: all against to day 2, disputed on day 3, clear from day 4", () => {
    expect(statusOn("sweating", 2)).toBe("all-advise-against");
    expect(statusOn("sweating", 3)).toBe("sources-disagree");
    expect(statusOn("sweating", 4)).toBe("none-advise-against");
    expect(describeSpan(activity("sweating"))).toBe("sources range from 3 to 4 days");
  });

  it("foil shaver: all against to day 3, disputed on days 4–5, clear from day 6", () => {
    expect(statusOn("foil-shaver", 3)).toBe("all-advise-against");
    expect(statusOn("foil-shaver", 4)).toBe("sources-disagree");
    expect(statusOn("foil-shaver", 5)).toBe("sources-disagree");
    expect(statusOn("foil-shaver", 6)).toBe("none-advise-against");
  });

  it("razor: all against to day 4, disputed days 5–9 (Meraki: about day 10), clear from day 10", () => {
    expect(statusOn("razor", 4)).toBe("all-advise-against");
    expect(statusOn("razor", 5)).toBe("sources-disagree");
    expect(statusOn("razor", 9)).toBe("sources-disagree");
    expect(statusOn("razor", 10)).toBe("none-advise-against");
  });

  it("swimming, sauna or tanning: all against to day 13, disputed days 14–29, clear on day 30", () => {
    expect(statusOn("swim-sauna-tanning", 13)).toBe("all-advise-against");
    expect(statusOn("swim-sauna-tanning", 14)).toBe("sources-disagree");
    expect(statusOn("swim-sauna-tanning", 29)).toBe("sources-disagree");
    expect(statusOn("swim-sauna-tanning", 30)).toBe("none-advise-against");
    expect(describeSpan(activity("swim-sauna-tanning"))).toBe("sources range from 14 to 30 days");
  });

  it("sun without SPF: all against to day 13, then still disputed at day 30 because two sources give no end", () => {
    expect(statusOn("sun-without-spf", 13)).toBe("all-advise-against");
    expect(statusOn("sun-without-spf", 14)).toBe("sources-disagree");
    expect(statusOn("sun-without-spf", 30)).toBe("sources-disagree");
    expect(adviceSpan(activity("sun-without-spf"))).toEqual({ earliest: 14, latest: null });
    expect(describeSpan(activity("sun-without-spf"))).toBe("sources range from 14 days to no end date");
  });

  it("scrubbing: a single source, so it never shows as disputed", () => {
    expect(statusOn("scrubbing", 6)).toBe("all-advise-against");
    expect(statusOn("scrubbing", 7)).toBe("none-advise-against");
    expect(describeSpan(activity("scrubbing"))).toBe("one source only: 7 days");
  });

  it("on the session day every activity is advised against by every source", () => {
    for (const a of AFTERCARE_ACTIVITIES) expect(activityStatusOnDay(a, 0)).toBe("all-advise-against");
  });
});

describe("healingNoteOnDay (Noel Higgins: scabs 5–7 days, up to 14)", () => {
  it("changes phase at days 5, 8 and 15", () => {
    expect(healingNoteOnDay(4).phase).toBe("scabbing");
    expect(healingNoteOnDay(5).phase).toBe("usual-end");
    expect(healingNoteOnDay(7).phase).toBe("usual-end");
    expect(healingNoteOnDay(8).phase).toBe("late-scabs");
    expect(healingNoteOnDay(14).phase).toBe("late-scabs");
    expect(healingNoteOnDay(15).phase).toBe("past-range");
  });

  it("names the source and marks it as industry", () => {
    expect(healingNoteOnDay(0).text).toMatch(/industry source/);
    expect(healingNoteOnDay(0).text).toMatch(/Noel Higgins/);
  });
});

describe("aftercareOnDay and summariseDay", () => {
  it("clamps out-of-range days", () => {
    expect(aftercareOnDay(-5).day).toBe(0);
    expect(aftercareOnDay(99).day).toBe(30);
  });

  it("lists every activity with its sources on every day", () => {
    const day = aftercareOnDay(3);
    expect(day.activities.map((a) => a.id)).toEqual(AFTERCARE_ACTIVITIES.map((a) => a.id));
    for (const a of day.activities) expect(a.sources.length).toBeGreaterThan(0);
  });

  it("states the day's result in words, with the spread where sources disagree", () => {
    const text = summariseDay(3);
    expect(text).toMatch(/^Day 3 after the session\./);
    expect(text).toContain("washing or wetting the scalp (sources range from 2 to 5 days)");
    expect(text).toMatch(/All sources advise against: [^.]*shaving with an electric foil shaver/);
    expect(summariseDay(0)).toContain("(the session day)");
    expect(summariseDay(30)).toMatch(/No source still advises against: [^.]*washing or wetting the scalp/);
  });
});

describe("AftercareTimeline first render", () => {
  it("is deterministic and carries the disclaimer and the day's result in words", () => {
    const first = renderToString(createElement(AftercareTimeline, { initialDay: 4 }));
    expect(renderToString(createElement(AftercareTimeline, { initialDay: 4 }))).toBe(first);
    expect(first).toContain("A summary of conflicting industry practice, not evidence.");
    expect(first).toContain("written aftercare instructions");
    // A live region (role=status is polite and atomic), so a screen reader hears the day's result change.
    expect(first).toContain('role="status"');
    expect(first).toContain("Day 4 after the session.");
  });
});
