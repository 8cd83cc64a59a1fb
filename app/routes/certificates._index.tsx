import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { StateBadge } from "~/components/certificates/state-badge";
import { formatCertificateDate } from "~/modules/certification/dates";
import { requireUser } from "~/http/session.server";
import { listCertificates } from "~/modules/certification/certificates.server";

export const meta: MetaFunction = () => [{ title: "My certificates — Stipple" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return { certificates: listCertificates(context.db, user.id) };
}

export default function Certificates() {
  const { certificates } = useLoaderData<typeof loader>();
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold text-stone-900">My certificates</h1>
      {certificates.length === 0 ? (
        <div className="space-y-2 rounded-lg bg-white p-5 ring-1 ring-stone-200">
          <p>No certificates yet.</p>
          <p className="text-stone-700">
            A certificate is issued automatically the moment you meet the last requirement of a programme. Your course page shows a checklist of what is left.
          </p>
          <Link to="/courses" className="font-medium text-brand-700 underline underline-offset-2">
            Go to your courses
          </Link>
        </div>
      ) : (
        <ul className="space-y-3">
          {certificates.map((c) => (
            <li key={c.id} className="rounded-lg border border-stone-200 bg-white p-4">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <Link to={`/certificates/${c.id}`} className="text-lg font-semibold text-brand-800 underline-offset-2 hover:underline">
                  {c.programmeTitle}
                </Link>
                <StateBadge state={c.state} />
              </div>
              <p className="mt-1 text-stone-700">
                <span className="font-mono">{c.code}</span> · issued {formatCertificateDate(c.issuedAt)} · {c.state === "EXPIRED" ? "expired" : "valid until"}{" "}
                {formatCertificateDate(c.expiresAt)}
                {c.superseded ? " · replaced by a renewal" : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
