import { getEnv } from "~/env.server";
import { NotFound } from "~/modules/errors";
import { loadCatalogue, type Catalogue, type Course, type ModuleMeta } from "./load-content.server";

let cached: { dir: string; catalogue: Catalogue } | undefined;

/** The validated content, read once (re-read on every call in development, to pick up edits). */
export function getCatalogue(): Catalogue {
  const { STIPPLE_CONTENT_DIR: dir, NODE_ENV } = getEnv();
  if (!cached || cached.dir !== dir || NODE_ENV === "development") cached = { dir, catalogue: loadCatalogue(dir) };
  return cached.catalogue;
}

/** Throws NotFound for an unknown course slug. */
export function findCourse(slug: string): Course {
  const course = getCatalogue().bySlug.get(slug);
  if (!course) throw new NotFound("No such course");
  return course;
}

/** Throws NotFound for an unknown module slug in the course. */
export function findModule(course: Course, slug: string): ModuleMeta {
  const mod = course.modules.find((m) => m.slug === slug);
  if (!mod) throw new NotFound("No such module");
  return mod;
}

/** A module or practical brief by the hash of its MDX (what /mdx/<hash>.js serves). */
export function findMdxByHash(hash: string): { hash: string; body: string; dir: string } | undefined {
  for (const course of getCatalogue().courses) {
    const found = course.modules.find((m) => m.hash === hash) ?? course.practicals.find((p) => p.hash === hash);
    if (found) return found;
  }
  return undefined;
}

/** The course holding a practical (practical slugs are unique across the catalogue's URLs). */
export function findCourseWithPractical(slug: string): Course {
  const course = getCatalogue().courses.find((c) => c.practicals.some((p) => p.slug === slug));
  if (!course) throw new NotFound("No such practical");
  return course;
}
