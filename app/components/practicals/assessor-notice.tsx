import type { Assessors } from "~/modules/auth/actor.server";

// How a learner without a clinic gets their supervised cases countersigned (decision 038).
const SUPERVISOR_TEXT =
  "A supervised case is countersigned by the practitioner who supervised the session in person. When you log a case, name them with their email address: they get an invitation to a supervisor account that can countersign only your cases naming them. A clinic that invites you into its cohort can supervise you instead.";

/** Says before any work who will assess it and countersign cases. */
export function AssessorNotice({ assessors }: { assessors: Assessors }) {
  const list = (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names.at(-1)}` : (names[0] ?? ""));
  return (
    <aside aria-label="Who assesses your work" className="max-w-3xl rounded-md border border-stone-200 bg-white p-4 text-stone-800">
      {assessors.kind === "cohort" ? (
        <p>
          Your practicals are graded, and your supervised cases countersigned, by {list(assessors.names)},{" "}
          {assessors.names.length > 1 ? "instructors" : "the instructor"} of your cohort at {assessors.clinicName}. When you log a case you can name which of
          them supervised it.
        </p>
      ) : assessors.kind === "academy" ? (
        <div className="space-y-2">
          <p>
            You study in Stipple Academy, the platform&apos;s own cohort for practitioners without a clinic.{" "}
            {assessors.names.length
              ? `Your practicals are graded by ${list(assessors.names)}, ${assessors.names.length > 1 ? "Stipple Academy's instructors" : "Stipple Academy's instructor"}.`
              : "Its instructors grade your practicals; none is assigned yet, so submitted work waits until a platform admin assigns one."}
          </p>
          <p>{SUPERVISOR_TEXT}</p>
        </div>
      ) : (
        <div className="space-y-2">
          <p>You are not in a clinic cohort, so Stipple&apos;s platform assessors grade your practicals.</p>
          <p>{SUPERVISOR_TEXT}</p>
        </div>
      )}
    </aside>
  );
}
