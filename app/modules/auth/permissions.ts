import type { Role } from "~/db/schema/users";

/**
 * Who is asking: their role, the clinic they currently belong to, if any, and whether that
 * clinic made them a lead instructor (who moderates and sets benchmarks across the clinic).
 */
export type Actor = { id: string; role: Role; clinicId: string | null; lead?: boolean };

/** A learner as permission checks see them: their clinic and the instructors of their cohorts. */
export type LearnerRef = { id: string; clinicId: string | null; instructorIds: readonly string[] };

/**
 * A supervisor an independent learner named by email, as a case sees it (decision 038): the
 * account that accepted (null while pending) and whether the link still stands.
 */
export type SupervisorLinkRef = { supervisorId: string | null; active: boolean };

/**
 * An instructor's authority over a learner: they teach one of the learner's cohorts *and* they
 * are an active member of the learner's clinic. Removal from the clinic ends it at once, even
 * if a cohort link were left behind.
 */
function teaches(actor: Actor, learner: LearnerRef): boolean {
  return actor.role === "instructor" && actor.clinicId !== null && actor.clinicId === learner.clinicId && learner.instructorIds.includes(actor.id);
}

/** A lead instructor of the learner's clinic: quality assurance reaches every learner there, taught by them or not. */
function leads(actor: Actor, learner: LearnerRef): boolean {
  return actor.role === "instructor" && actor.lead === true && actor.clinicId !== null && actor.clinicId === learner.clinicId;
}

/**
 * Every permission rule lives here, as pure functions of facts the caller loads.
 * A `false` must become a 404 for the resource, never a 403 (that would confirm it exists).
 */
export const can = {
  /** Progress, attempts, submissions, logbook: the learner, their instructors, their clinic's admins, platform admins. */
  viewLearner(actor: Actor, learner: LearnerRef): boolean {
    if (actor.role === "admin" || actor.id === learner.id) return true;
    if (actor.role === "clinic_admin") return actor.clinicId !== null && actor.clinicId === learner.clinicId;
    if (actor.role === "instructor") return teaches(actor, learner) || leads(actor, learner);
    return false;
  },
  /** Changing a learner's own records (reading, answering, uploading): only the learner. */
  actAsLearner(actor: Actor, learnerId: string): boolean {
    return actor.id === learnerId;
  },
  manageClinic(actor: Actor, clinicId: string): boolean {
    return actor.role === "admin" || (actor.role === "clinic_admin" && actor.clinicId === clinicId);
  },
  /** Grading a learner's work: an instructor of one of their cohorts, or a platform admin (not clinic admins). */
  gradeLearner(actor: Actor, learner: LearnerRef): boolean {
    if (actor.role === "admin") return true;
    return teaches(actor, learner) || leads(actor, learner);
  },
  /**
   * Recording the final grade when two markers disagreed: a lead instructor of the learner's
   * clinic, or a platform admin — and never one of the two markers (`markers`).
   */
  moderate(actor: Actor, learner: LearnerRef, markers: readonly (string | null)[]): boolean {
    if (markers.includes(actor.id)) return false;
    return actor.role === "admin" || leads(actor, learner);
  },
  /** Setting a clinic's benchmarks: its lead instructors; the platform's: platform admins. */
  setBenchmarks(actor: Actor, learner: LearnerRef): boolean {
    return actor.role === "admin" || leads(actor, learner);
  },
  /**
   * A certificate's page and PDF: whoever may see the holder's records, plus the admins of the
   * clinic that issued it (who keep it in view after the holder leaves).
   */
  viewCertificate(actor: Actor, cert: { organisationId: string | null }, holder: LearnerRef): boolean {
    return can.viewLearner(actor, holder) || can.revokeCertificate(actor, cert);
  },
  /** Revoking: a platform admin, or an admin of the clinic that issued the certificate. */
  revokeCertificate(actor: Actor, cert: { organisationId: string | null }): boolean {
    if (actor.role === "admin") return true;
    return actor.role === "clinic_admin" && cert.organisationId !== null && actor.clinicId === cert.organisationId;
  },
  /**
   * The supervisor named by email on a case (038): the account that accepted the learner's
   * invitation, while the link stands — never the learner themself.
   */
  superviseCase(actor: Actor, learnerId: string, link: SupervisorLinkRef | null): boolean {
    return !!link && link.active && link.supervisorId !== null && link.supervisorId === actor.id && actor.id !== learnerId;
  },
  /** A supervised case: whoever may see the learner's records, and the supervisor the case names by email. */
  viewCase(actor: Actor, learner: LearnerRef, link: SupervisorLinkRef | null): boolean {
    return can.viewLearner(actor, learner) || can.superviseCase(actor, learner.id, link);
  },
  /**
   * Countersigning or returning a supervised case: like grading, but a case that names its
   * supervisor is theirs (or a platform admin's) while that supervisor still teaches the learner.
   * A case naming a supervisor by email (`link`) is that supervisor's alone: nobody else saw the client.
   */
  countersignCase(actor: Actor, learner: LearnerRef, supervisorId: string | null, link: SupervisorLinkRef | null = null): boolean {
    if (link) return can.superviseCase(actor, learner.id, link);
    if (!can.gradeLearner(actor, learner)) return false;
    if (actor.role === "admin" || !supervisorId || supervisorId === actor.id) return true;
    return !learner.instructorIds.includes(supervisorId);
  },
  reviewWork(actor: Actor): boolean {
    return actor.role === "instructor" || actor.role === "admin";
  },
  administer(actor: Actor): boolean {
    return actor.role === "admin";
  },
  /** Exporting a person's data: only that person, whatever their role (an admin downloads nobody else's). */
  exportAccount(actor: Actor, userId: string): boolean {
    return actor.id === userId;
  },
};

/**
 * What a supervisor-only account may open (038): its supervision page and invitations, the cases
 * and case photos it is shown (each checked again by its loader), its notifications and account,
 * and the public pages. Everything else answers 404 for it.
 */
export function supervisorMayOpen(pathname: string): boolean {
  return (
    pathname === "/" ||
    /^\/(supervise(\/.*)?|logbook\/[^/]+|logbook\/photos\/[^/]+|notifications|account(\/.*)?|logout|verify(\/.*)?|dev\/outbox)$/.test(pathname)
  );
}

/** Why an account may not delete itself now; null when it may (decision 018). */
export type AccountDeletionBlock = "demo" | "last-clinic-admin" | "last-platform-admin";

/**
 * Anyone may delete their own account, except a shared demo account, the last active admin of
 * a clinic (the clinic would be left with nobody to run it) and the last platform admin.
 * Instructors may leave: their past grading stays, attributed to a deleted account.
 */
export function accountDeletionBlock(
  actor: Actor,
  facts: { isDemo: boolean; otherActiveClinicAdmins: number; otherPlatformAdmins: number },
): AccountDeletionBlock | null {
  if (facts.isDemo) return "demo";
  if (actor.role === "admin" && facts.otherPlatformAdmins === 0) return "last-platform-admin";
  if (actor.role === "clinic_admin" && actor.clinicId !== null && facts.otherActiveClinicAdmins === 0) return "last-clinic-admin";
  return null;
}
