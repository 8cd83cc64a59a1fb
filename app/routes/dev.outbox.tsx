import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { notFound } from "~/http/errors.server";
import { getUser } from "~/http/session.server";
import { getEnv } from "~/env.server";
import { listOutbox } from "~/modules/notifications/outbox.server";

export const meta: MetaFunction = () => [{ title: "Demo outbox — Stipple" }, { name: "robots", content: "noindex" }];

/**
 * The outbox shows other people's sign-up, reset and invitation links: only in demo mode, and
 * only to someone signed in with one of the demo accounts. Everyone else, signed in or not,
 * gets the same 404 as for a page that does not exist.
 */
export function loader({ request, context }: LoaderFunctionArgs) {
  if (!getEnv().demoMode || !getUser(request, context)?.isDemo) notFound();
  return {
    emails: listOutbox(context.db).map((m) => ({ id: m.id, to: m.to, subject: m.subject, text: m.text, createdAt: m.createdAt })),
  };
}

function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/g).map((part, i) =>
    /^https?:\/\//.test(part) ? (
      <a key={i} href={part} className="break-all text-brand-700 underline underline-offset-2">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

export default function DevOutbox() {
  const { emails } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-3xl font-bold text-stone-900">Demo outbox</h1>
        <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
          <strong>A demo feature.</strong> It exists only on a demo server and only for the demo accounts; a real deployment sends these emails and has no such
          page.
        </p>
        <p className="mt-3 text-stone-700">In demo mode no email leaves this machine: here is what Stipple would have sent to anyone, newest first.</p>
      </div>
      {emails.length === 0 ? (
        <p className="rounded-md bg-white p-4 ring-1 ring-stone-200">No emails yet.</p>
      ) : (
        <ul className="space-y-4">
          {emails.map((m) => (
            <li key={m.id} className="rounded-lg border border-stone-200 bg-white p-4">
              <p className="text-sm text-stone-600">
                To <strong className="text-stone-900">{m.to}</strong> · {new Date(m.createdAt).toISOString().replace("T", " ").slice(0, 16)} UTC
              </p>
              <h2 className="mt-1 font-semibold text-stone-900">{m.subject}</h2>
              <pre className="mt-2 whitespace-pre-wrap font-sans text-sm text-stone-800">{linkify(m.text)}</pre>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
