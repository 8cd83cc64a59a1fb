import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireActor } from "~/http/session.server";
import { supervisionOverview } from "~/modules/certification/supervision.server";

export const meta: MetaFunction = () => [{ title: "Supervising — Stipple" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  return {
    learners: supervisionOverview(context.db, actor).map((l) => ({ ...l, since: new Date(l.since).toISOString().slice(0, 10) })),
    accepted: new URL(request.url).searchParams.get("accepted") === "1",
  };
}

export default function Supervise() {
  const { learners, accepted } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-3xl font-bold text-stone-900">Supervising</h1>
        <p className="text-stone-700">
          The learners who named you as the practitioner who supervised their sessions on clients. Open a session to read it, look at its photos, and
          countersign it or return it with a comment. Countersign only what you saw.
        </p>
        {accepted ? (
          <p role="status" className="rounded-md bg-brand-50 p-3 font-medium text-brand-800">
            You accepted. The sessions waiting for you are below.
          </p>
        ) : null}
      </header>
      {learners.length === 0 ? (
        <p className="text-stone-700">Nobody has named you as their supervisor, or their access was withdrawn.</p>
      ) : (
        learners.map((l) => (
          <section key={l.learnerName + l.since} aria-label={l.learnerName} className="space-y-3 rounded-lg border border-stone-200 bg-white p-5">
            <h2 className="text-xl font-semibold text-stone-900">{l.learnerName}</h2>
            <p className="text-sm text-stone-600">
              Supervising since {l.since} · {l.countersigned} session{l.countersigned === 1 ? "" : "s"} countersigned
            </p>
            {l.waiting.length === 0 ? (
              <p className="text-stone-700">Nothing waits for you.</p>
            ) : (
              <ul className="space-y-2">
                {l.waiting.map((c) => (
                  <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-stone-200 p-3">
                    <Link
                      to={c.kind === "healed" ? `/logbook/${c.id}#healed` : `/logbook/${c.id}`}
                      className="font-medium text-brand-700 underline underline-offset-2"
                    >
                      {c.label}
                    </Link>
                    <span className="rounded-full bg-amber-100 px-2 py-0.5 text-sm font-medium text-amber-900">
                      {c.kind === "healed" ? "Healed result to countersign" : "To countersign"}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))
      )}
    </div>
  );
}
