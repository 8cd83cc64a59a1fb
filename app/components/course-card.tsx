import { Link } from "@remix-run/react";
import type { CourseCard } from "~/modules/progress/course-view.server";
import { ProgressBar } from "./ui/progress-bar";

export function CourseCardView({ course }: { course: CourseCard }) {
  return (
    <article className="rounded-lg border border-stone-200 bg-white p-5 shadow-sm">
      <h3 className="text-lg font-semibold">
        <Link to={`/courses/${course.slug}`} className="text-brand-800 underline-offset-2 hover:underline">
          {course.title}
        </Link>
      </h3>
      <p className="mt-1 text-stone-700">{course.summary}</p>
      <p className="mt-2 text-sm text-stone-600">
        {course.moduleCount} modules · about {Math.round(course.minutes / 6) / 10} hours of reading
      </p>
      {course.progress ? (
        <div className="mt-4">
          <ProgressBar
            value={course.progress.completed}
            max={course.progress.total}
            label={`Your progress: ${course.progress.completed} of ${course.progress.total} modules`}
          />
        </div>
      ) : null}
    </article>
  );
}
