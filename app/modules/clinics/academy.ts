// Stipple Academy: the platform's own open cohort. Learners who sign up without a clinic belong
// to it and are assessed by the platform instructors a platform admin invites at /admin. Its rows
// are created by migration 0013 with these fixed ids. No imports: pages and the domain read it.

export const ACADEMY_ID = "stipple-academy";
export const ACADEMY_COHORT_ID = "stipple-academy-open";
export const ACADEMY_NAME = "Stipple Academy";

/** Whether a clinic id is the Academy's (the platform's own, run by platform admins). */
export const isAcademy = (clinicId: string | null | undefined): boolean => clinicId === ACADEMY_ID;
