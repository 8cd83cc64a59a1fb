import type { Db } from "~/db/client.server";
import type { Actor } from "~/modules/auth/permissions";
import { clinicName } from "~/modules/clinics/members.server";
import type { Course, PaperworkMeta } from "~/modules/content/load-content.server";
import { NotFound } from "~/modules/errors";

/** A course's client form by slug; NotFound when it has none by that name. */
export function findPaperwork(course: Course, slug: string): PaperworkMeta {
  const form = course.paperwork.find((p) => p.slug === slug);
  if (!form) throw new NotFound("No such form");
  return form;
}

/** The forms a module's page links to. */
export function paperworkOfModule(course: Course, moduleSlug: string): { slug: string; title: string }[] {
  return course.paperwork.filter((p) => p.modules.includes(moduleSlug)).map((p) => ({ slug: p.slug, title: p.title }));
}

/** The name printed at the top of a form: the person's clinic, or null (a line to write it on). */
export function formHeading(db: Db, actor: Actor): string | null {
  return actor.clinicId ? clinicName(db, actor.clinicId) : null;
}
