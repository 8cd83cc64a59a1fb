import { Link } from "@remix-run/react";

/** The 404 and error pages: same look as the rest of the site, a way back, nothing internal. */
export function StatusPage({ status, title, message }: { status: number; title: string; message: string }) {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Error {status}</p>
      <h1 className="mt-2 text-3xl font-bold text-stone-900">{title}</h1>
      <p className="mt-4 text-stone-700">{message}</p>
      <p className="mt-8">
        <Link to="/" className="font-medium text-brand-700 underline underline-offset-2">
          Go to the home page
        </Link>
        {" · "}
        <Link to="/courses" className="font-medium text-brand-700 underline underline-offset-2">
          Courses
        </Link>
      </p>
    </div>
  );
}

/** What a person is told when a change could not be saved because storage refused it. */
export const UNAVAILABLE_MESSAGE = "Nothing you saved before is lost. What you just sent was not saved: try again in a few minutes.";

export function statusCopy(status: number): { title: string; message: string } {
  if (status === 404) return { title: "Page not found", message: "There is nothing at this address, or you do not have access to it." };
  if (status === 429) return { title: "Slow down a little", message: "Too many requests came from you in a short time. Wait a minute and try again." };
  // The disk is full or the database read-only (app/http/unavailable.server.ts): reads still work.
  if (status === 503) return { title: "Stipple can’t save changes right now", message: UNAVAILABLE_MESSAGE };
  return { title: "Something went wrong", message: "We could not show this page. Try again in a moment; if it keeps happening, tell your clinic." };
}
