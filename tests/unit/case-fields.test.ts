import { describe, expect, it } from "vitest";
import { caseFormDefaults, caseView, ordinal, type CaseRow } from "~/modules/certification/case-fields";
import { logbookSlotSlug, parseLogbookSlotSlug } from "~/modules/photos/slots";

describe("ordinal", () => {
  it("says st, nd and rd after 1, 2 and 3", () => {
    expect([1, 2, 3, 4, 5, 10].map(ordinal)).toEqual(["1st", "2nd", "3rd", "4th", "5th", "10th"]);
    expect([21, 22, 23, 24, 101, 102, 103].map(ordinal)).toEqual(["21st", "22nd", "23rd", "24th", "101st", "102nd", "103rd"]);
  });

  it("says th after 11, 12 and 13, in every hundred", () => {
    expect([11, 12, 13].map(ordinal)).toEqual(["11th", "12th", "13th"]);
    expect([111, 112, 113].map(ordinal)).toEqual(["111th", "112th", "113th"]);
    expect([211, 1012, 2013].map(ordinal)).toEqual(["211th", "1012th", "2013th"]);
  });

  it("says th after 0", () => {
    expect(ordinal(0)).toBe("0th");
  });
});

const row: CaseRow = {
  id: "case-1",
  performedOn: "2026-03-14",
  sessionNumber: 2,
  area: "crown",
  hairLossScale: "norwood",
  hairLossStage: "IV",
  fitzpatrick: 3,
  needle: "1203RL",
  pigment: "Neutral black",
  dilution: "1:3",
  durationMinutes: 150,
  notes: "",
  supervisorId: null,
  supervisorLinkId: null,
  status: "countersigned",
  returnComment: null,
  reviewedAt: Date.UTC(2026, 2, 15, 9),
  countersignedAt: Date.UTC(2026, 2, 15, 9),
  photosDeletedAt: null,
  photosRetentionMonths: null,
};

describe("caseView", () => {
  it("gives the fields and the days of review and countersignature", () => {
    expect(caseView(row)).toEqual({
      id: "case-1",
      performedOn: "2026-03-14",
      sessionNumber: 2,
      area: "crown",
      hairLossScale: "norwood",
      hairLossStage: "IV",
      fitzpatrick: 3,
      needle: "1203RL",
      pigment: "Neutral black",
      dilution: "1:3",
      durationMinutes: 150,
      notes: "",
      supervisorId: null,
      supervisorLinkId: null,
      status: "countersigned",
      returnComment: null,
      reviewedOn: "2026-03-15",
      countersignedOn: "2026-03-15",
      photosDeleted: null,
    });
  });

  it("says when the retention sweep deleted the photos, and under which period", () => {
    expect(caseView({ ...row, photosDeletedAt: Date.UTC(2027, 2, 16), photosRetentionMonths: 12 }).photosDeleted).toEqual({ on: "2027-03-16", months: 12 });
    // A case that had no photos to delete carries no note.
    expect(caseView({ ...row, photosDeletedAt: Date.UTC(2027, 2, 16), photosRetentionMonths: null }).photosDeleted).toBeNull();
  });
});

describe("caseFormDefaults", () => {
  it("gives every field as the form's text", () => {
    expect(caseFormDefaults(caseView({ ...row, supervisorId: "instructor-1" }))).toEqual({
      performedOn: "2026-03-14",
      sessionNumber: "2",
      area: "crown",
      hairLossScale: "norwood",
      hairLossStage: "IV",
      fitzpatrick: "3",
      needle: "1203RL",
      pigment: "Neutral black",
      dilution: "1:3",
      durationMinutes: "150",
      notes: "",
      supervisorId: "instructor-1",
      supervisorLinkId: "",
    });
    expect(caseFormDefaults(row).supervisorId).toBe("");
  });
});

describe("logbook staging slots", () => {
  it("reads back what it writes", () => {
    expect(logbookSlotSlug()).toBe("logbook");
    expect(logbookSlotSlug("abc123")).toBe("logbook:abc123");
    expect(parseLogbookSlotSlug(logbookSlotSlug())).toEqual({ caseId: null });
    expect(parseLogbookSlotSlug(logbookSlotSlug("abc123"))).toEqual({ caseId: "abc123" });
  });

  it("is null for a practical's slug", () => {
    expect(parseLogbookSlotSlug("hairline-design")).toBeNull();
    expect(parseLogbookSlotSlug("logbooks")).toBeNull();
  });
});
