import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CourseCardView } from "~/components/course-card";
import { getUser } from "~/http/session.server";
import { getCatalogue } from "~/modules/content/catalogue.server";
import { catalogueFor } from "~/modules/progress/course-view.server";

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = getUser(request, context);
  return { signedIn: !!user, courses: catalogueFor(context.db, getCatalogue().courses, user?.id ?? null) };
}

const features = [
  {
    title: "Modules that cite their sources",
    body: "Depth, needles, pigment, skin and hair types, repair and removal — every claim linked to its source, and disagreements between sources said plainly.",
  },
  {
    title: "Quizzes graded on the server",
    body: "Questions drawn per attempt, answer keys that never reach the browser, and a review with explanations after you submit.",
  },
  {
    title: "Practice work, reviewed closely",
    body: "Upload photos of practice skins and mannequin heads; instructors pin comments on them and score a rubric.",
  },
  { title: "A certificate anyone can verify", body: "Clinics certify their technicians; clients and insurers check a certificate by its link or QR code." },
];

export default function Index() {
  const { signedIn, courses } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-14">
      <section className="grid gap-8 md:grid-cols-5 md:items-center">
        <div className="md:col-span-3">
          <h1 className="text-4xl font-bold tracking-tight text-stone-900 sm:text-5xl">Learn scalp micropigmentation. Prove it.</h1>
          <p className="mt-4 text-lg text-stone-700">
            Stipple is where trichologists and clinic technicians learn SMP from cited theory, practise on synthetic skin with graded feedback, and earn a
            certificate that anyone can check.
          </p>
          <div className="mt-6 flex flex-wrap gap-3">
            <Link
              to={signedIn ? "/courses" : "/signup"}
              className="inline-flex min-h-11 items-center rounded-md bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800"
            >
              {signedIn ? "Go to your courses" : "Create a free account"}
            </Link>
            <a
              href="#catalogue"
              className="inline-flex min-h-11 items-center rounded-md border border-stone-300 bg-white px-5 py-2 font-medium hover:bg-stone-100"
            >
              See the courses
            </a>
          </div>
        </div>
        <svg
          viewBox="0 0 200 140"
          className="w-full md:col-span-2"
          role="img"
          aria-label="A stippled scalp pattern: even dots that thin out towards a soft hairline"
        >
          {Array.from({ length: 12 }, (_, row) =>
            Array.from({ length: 20 }, (_, col) => {
              const density = row / 11;
              const show = (col * 7 + row * 13) % 10 < 10 * density + 1;
              return show ? (
                <circle
                  key={`${row}-${col}`}
                  cx={8 + col * 9.6 + (row % 2) * 4}
                  cy={10 + row * 11}
                  r={1.6 + density * 0.8}
                  fill="#292524"
                  opacity={0.35 + density * 0.6}
                />
              ) : null;
            }),
          )}
        </svg>
      </section>

      <section aria-labelledby="features-heading">
        <h2 id="features-heading" className="sr-only">
          What Stipple offers
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {features.map((f) => (
            <li key={f.title} className="rounded-lg border border-stone-200 bg-white p-5">
              <h3 className="font-semibold text-stone-900">{f.title}</h3>
              <p className="mt-1 text-stone-700">{f.body}</p>
            </li>
          ))}
        </ul>
      </section>

      <section id="catalogue" aria-labelledby="catalogue-heading" className="scroll-mt-8">
        <h2 id="catalogue-heading" className="text-2xl font-bold text-stone-900">
          Course catalogue
        </h2>
        <ul className="mt-4 grid gap-4">
          {courses.map((c) => (
            <li key={c.slug}>
              <CourseCardView course={c} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
