import { describe, expect, it } from "vitest";
import { accountDeletionBlock, can, supervisorMayOpen, type Actor, type LearnerRef } from "~/modules/auth/permissions";

const learner: LearnerRef = { id: "lrn", clinicId: "clinic-a", instructorIds: ["ins-a"] };
const independent: LearnerRef = { id: "solo", clinicId: null, instructorIds: [] };

const actors: Record<string, Actor> = {
  self: { id: "lrn", role: "learner", clinicId: "clinic-a" },
  otherLearner: { id: "other", role: "learner", clinicId: "clinic-a" },
  cohortInstructor: { id: "ins-a", role: "instructor", clinicId: "clinic-a" },
  otherInstructor: { id: "ins-b", role: "instructor", clinicId: "clinic-a" },
  clinicAdmin: { id: "adm-a", role: "clinic_admin", clinicId: "clinic-a" },
  otherClinicAdmin: { id: "adm-b", role: "clinic_admin", clinicId: "clinic-b" },
  clinicAdminWithoutClinic: { id: "adm-x", role: "clinic_admin", clinicId: null },
  platformAdmin: { id: "root", role: "admin", clinicId: null },
};

describe("can.viewLearner", () => {
  const expected: Record<string, boolean> = {
    self: true,
    otherLearner: false,
    cohortInstructor: true,
    otherInstructor: false,
    clinicAdmin: true,
    otherClinicAdmin: false,
    clinicAdminWithoutClinic: false,
    platformAdmin: true,
  };
  for (const [name, actor] of Object.entries(actors)) {
    it(`${name} → ${expected[name]}`, () => {
      expect(can.viewLearner(actor, learner)).toBe(expected[name]);
    });
  }

  it("a clinic admin without a clinic cannot see learners without a clinic", () => {
    expect(can.viewLearner(actors.clinicAdminWithoutClinic!, independent)).toBe(false);
    expect(can.viewLearner(actors.platformAdmin!, independent)).toBe(true);
  });
});

describe("can.gradeLearner", () => {
  it("is the learner's cohort instructors and platform admins only — not clinic admins, not the learner", () => {
    const allowed = Object.entries(actors)
      .filter(([, a]) => can.gradeLearner(a, learner))
      .map(([name]) => name);
    expect(allowed).toEqual(["cohortInstructor", "platformAdmin"]);
  });
});

describe("a removed instructor", () => {
  // Removed from clinic A: their active clinic is gone (or another), but a stale cohort link names them.
  const removed: Actor = { id: "ins-a", role: "instructor", clinicId: null };
  const movedOn: Actor = { id: "ins-a", role: "instructor", clinicId: "clinic-b" };

  it("neither sees nor grades nor countersigns for their former learners, whatever the cohort link says", () => {
    for (const actor of [removed, movedOn]) {
      expect(can.viewLearner(actor, learner)).toBe(false);
      expect(can.gradeLearner(actor, learner)).toBe(false);
      expect(can.countersignCase(actor, learner, null)).toBe(false);
      expect(can.countersignCase(actor, learner, "ins-a")).toBe(false);
    }
  });
});

describe("other rules", () => {
  it("only the learner acts as the learner, even for an admin", () => {
    expect(can.actAsLearner(actors.self!, "lrn")).toBe(true);
    expect(can.actAsLearner(actors.platformAdmin!, "lrn")).toBe(false);
    expect(can.actAsLearner(actors.cohortInstructor!, "lrn")).toBe(false);
  });

  it("clinic management is the clinic's own admins and platform admins", () => {
    expect(can.manageClinic(actors.clinicAdmin!, "clinic-a")).toBe(true);
    expect(can.manageClinic(actors.otherClinicAdmin!, "clinic-a")).toBe(false);
    expect(can.manageClinic(actors.cohortInstructor!, "clinic-a")).toBe(false);
    expect(can.manageClinic(actors.platformAdmin!, "clinic-a")).toBe(true);
  });

  it("reviewing is for instructors and admins; administering for admins", () => {
    expect(
      Object.values(actors)
        .filter((a) => can.reviewWork(a))
        .map((a) => a.role),
    ).toEqual(["instructor", "instructor", "admin"]);
    expect(
      Object.values(actors)
        .filter((a) => can.administer(a))
        .map((a) => a.id),
    ).toEqual(["root"]);
  });
});

describe("certificates", () => {
  const issuedByA = { organisationId: "clinic-a" };
  const independentCert = { organisationId: null };

  it("revoking is for platform admins and admins of the issuing clinic only", () => {
    const allowed = Object.entries(actors)
      .filter(([, a]) => can.revokeCertificate(a, issuedByA))
      .map(([name]) => name);
    expect(allowed.sort()).toEqual(["clinicAdmin", "platformAdmin"]);
    expect(can.revokeCertificate(actors.clinicAdminWithoutClinic!, independentCert)).toBe(false);
    expect(can.revokeCertificate(actors.platformAdmin!, independentCert)).toBe(true);
  });

  it("the issuing clinic's admin still sees a certificate after the holder moved to another clinic", () => {
    const moved: LearnerRef = { id: "lrn", clinicId: "clinic-b", instructorIds: [] };
    expect(can.viewCertificate(actors.clinicAdmin!, issuedByA, moved)).toBe(true);
    expect(can.viewCertificate(actors.otherClinicAdmin!, issuedByA, moved)).toBe(true); // the holder's current clinic
    expect(can.viewCertificate(actors.otherLearner!, issuedByA, moved)).toBe(false);
    expect(can.viewCertificate(actors.cohortInstructor!, issuedByA, moved)).toBe(false);
  });
});

describe("accountDeletionBlock", () => {
  const none = { isDemo: false, otherActiveClinicAdmins: 1, otherPlatformAdmins: 1 };
  it("refuses a demo account, the last clinic admin and the last platform admin, and nobody else", () => {
    expect(accountDeletionBlock(actors.self!, { ...none, isDemo: true })).toBe("demo");
    expect(accountDeletionBlock(actors.clinicAdmin!, { ...none, otherActiveClinicAdmins: 0 })).toBe("last-clinic-admin");
    expect(accountDeletionBlock(actors.platformAdmin!, { ...none, otherPlatformAdmins: 0 })).toBe("last-platform-admin");
    expect(accountDeletionBlock(actors.clinicAdmin!, none)).toBeNull();
    // An instructor or learner leaves whatever the admin counts are.
    expect(accountDeletionBlock(actors.cohortInstructor!, { ...none, otherActiveClinicAdmins: 0, otherPlatformAdmins: 0 })).toBeNull();
    expect(accountDeletionBlock(actors.self!, { ...none, otherActiveClinicAdmins: 0, otherPlatformAdmins: 0 })).toBeNull();
  });
});

describe("lead instructors and moderation", () => {
  const lead: Actor = { id: "lead-a", role: "instructor", clinicId: "clinic-a", lead: true };
  const leadElsewhere: Actor = { id: "lead-b", role: "instructor", clinicId: "clinic-b", lead: true };

  it("a lead sees and grades every learner of their own clinic, taught by them or not — and no other clinic's", () => {
    expect(can.viewLearner(lead, learner)).toBe(true);
    expect(can.gradeLearner(lead, learner)).toBe(true);
    expect(can.viewLearner(leadElsewhere, learner)).toBe(false);
    expect(can.gradeLearner(leadElsewhere, learner)).toBe(false);
    expect(can.viewLearner(actors.otherInstructor!, learner)).toBe(false);
  });

  it("moderation is for a lead of the learner's clinic or a platform admin who marked neither grade", () => {
    expect(can.moderate(lead, learner, ["ins-a", "ins-b"])).toBe(true);
    expect(can.moderate(lead, learner, ["ins-a", "lead-a"])).toBe(false);
    expect(can.moderate(actors.platformAdmin!, independent, ["x", "y"])).toBe(true);
    expect(can.moderate(actors.platformAdmin!, independent, ["root", "y"])).toBe(false);
    expect(can.moderate(actors.cohortInstructor!, learner, ["x", "y"])).toBe(false);
    expect(can.moderate(actors.clinicAdmin!, learner, ["x", "y"])).toBe(false);
    expect(can.moderate(leadElsewhere, learner, ["x", "y"])).toBe(false);
  });
});

describe("a supervisor named by email (038)", () => {
  const sol: Actor = { id: "sol", role: "supervisor", clinicId: null };
  const standing = { supervisorId: "sol", active: true };
  it("countersigns and sees only a case naming them while the link stands", () => {
    expect(can.countersignCase(sol, independent, null, standing)).toBe(true);
    expect(can.viewCase(sol, independent, standing)).toBe(true);
    expect(can.countersignCase(sol, independent, null, { supervisorId: "sol", active: false })).toBe(false);
    expect(can.viewCase(sol, independent, { supervisorId: "sol", active: false })).toBe(false);
    expect(can.countersignCase(sol, independent, null, { supervisorId: "pat", active: true })).toBe(false);
    expect(can.countersignCase(sol, independent, null, null)).toBe(false);
    expect(can.viewLearner(sol, independent)).toBe(false);
  });
  it("leaves nobody else to countersign such a case, however senior, and never the learner", () => {
    for (const actor of [actors.platformAdmin!, actors.cohortInstructor!]) expect(can.countersignCase(actor, learner, null, standing)).toBe(false);
    const selfLink = { supervisorId: "lrn", active: true };
    expect(can.countersignCase(actors.self!, learner, null, selfLink)).toBe(false);
  });
  it("opens only its own pages", () => {
    for (const path of [
      "/",
      "/supervise",
      "/supervise/accept/abc",
      "/logbook/case1",
      "/logbook/photos/p1",
      "/notifications",
      "/account",
      "/account/export.zip",
      "/logout",
      "/verify/STP-1",
      "/dev/outbox",
    ])
      expect(supervisorMayOpen(path)).toBe(true);
    for (const path of ["/logbook", "/practicals", "/review", "/courses/smp-practitioner", "/clinic", "/admin", "/certificates", "/logbook/a/b", "/supervisex"])
      expect(supervisorMayOpen(path)).toBe(false);
  });
});
