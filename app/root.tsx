import { membershipSummary } from "~/modules/clinics/members.server";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useNonce } from "~/components/nonce";
import { StatusPage, statusCopy } from "~/components/status-page";
import { getEnv } from "~/env.server";
import { getUser } from "~/http/session.server";
import { unreadCount } from "~/modules/notifications/notify.server";
import stylesheet from "~/tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Stipple — scalp micropigmentation training and certification" },
  { name: "description", content: "Learn scalp micropigmentation from cited modules, practise with graded feedback and earn a certificate anyone can verify." },
];

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = getUser(request, context);
  // After accepting an invitation (`?joined=1`): which clinic and cohort the person joined.
  const joined = user && new URL(request.url).searchParams.get("joined") === "1" ? membershipSummary(context.db, user.id) : null;
  return {
    joined,
    user: user ? { name: user.name, role: user.role, unread: unreadCount(context.db, user.id) } : null,
    // The outbox is for the demo accounts only (see routes/dev.outbox.tsx).
    demoOutbox: getEnv().demoMode && !!user?.isDemo,
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  const user = data?.user ?? null;
  return (
    <html lang="en-GB" className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col">
        <a href="#main" className="sr-only rounded bg-white px-3 py-2 focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50">
          Skip to content
        </a>
        <header className="border-b border-stone-200 bg-white print:hidden">
          <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
            <Link to="/" className="flex items-center gap-2 text-xl font-bold tracking-tight text-brand-800">
              <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6">
                {[4, 10, 16].flatMap((x) => [5, 12, 19].map((y) => <circle key={`${x}-${y}`} cx={x + (y % 2)} cy={y} r="2" fill="currentColor" />))}
              </svg>
              Stipple
            </Link>
            <nav aria-label="Main" className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
              {user?.role === "supervisor" ? (
                <NavLink
                  to="/supervise"
                  className={({ isActive }) => `rounded px-1 py-2 ${isActive ? "font-semibold text-brand-800" : "text-stone-700 hover:text-stone-950"}`}
                >
                  Supervising
                </NavLink>
              ) : (
                <NavLink
                  to="/courses"
                  className={({ isActive }) => `rounded px-1 py-2 ${isActive ? "font-semibold text-brand-800" : "text-stone-700 hover:text-stone-950"}`}
                >
                  Courses
                </NavLink>
              )}
              {user ? (
                <>
                  {user.role === "supervisor" ? null : (
                    <NavLink
                      to="/practicals"
                      className={({ isActive }) => `rounded px-1 py-2 ${isActive ? "font-semibold text-brand-800" : "text-stone-700 hover:text-stone-950"}`}
                    >
                      Practicals
                    </NavLink>
                  )}
                  {user.role === "learner" ? (
                    <NavLink
                      to="/logbook"
                      className={({ isActive }) => `rounded px-1 py-2 ${isActive ? "font-semibold text-brand-800" : "text-stone-700 hover:text-stone-950"}`}
                    >
                      Logbook
                    </NavLink>
                  ) : null}
                  {user.role === "supervisor" ? null : (
                    <NavLink
                      to="/certificates"
                      className={({ isActive }) => `rounded px-1 py-2 ${isActive ? "font-semibold text-brand-800" : "text-stone-700 hover:text-stone-950"}`}
                    >
                      Certificates
                    </NavLink>
                  )}
                  {user.role === "clinic_admin" ? (
                    <NavLink
                      to="/clinic"
                      className={({ isActive }) => `rounded px-1 py-2 ${isActive ? "font-semibold text-brand-800" : "text-stone-700 hover:text-stone-950"}`}
                    >
                      Clinic
                    </NavLink>
                  ) : null}
                  {user.role === "admin" ? (
                    <NavLink
                      to="/admin"
                      className={({ isActive }) => `rounded px-1 py-2 ${isActive ? "font-semibold text-brand-800" : "text-stone-700 hover:text-stone-950"}`}
                    >
                      Admin
                    </NavLink>
                  ) : null}
                  {user.role === "instructor" || user.role === "admin" ? (
                    <NavLink
                      to="/review"
                      className={({ isActive }) => `rounded px-1 py-2 ${isActive ? "font-semibold text-brand-800" : "text-stone-700 hover:text-stone-950"}`}
                    >
                      Review
                    </NavLink>
                  ) : null}
                  <NavLink
                    to="/account"
                    className={({ isActive }) => `rounded px-1 py-2 ${isActive ? "font-semibold text-brand-800" : "text-stone-700 hover:text-stone-950"}`}
                  >
                    Account
                  </NavLink>
                  <Link
                    to="/notifications"
                    className="relative rounded px-1 py-2 text-stone-700 hover:text-stone-950"
                    aria-label={user.unread ? `Notifications, ${user.unread} unread` : "Notifications"}
                  >
                    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
                      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 8 3 8H3s3-1 3-8" />
                      <path d="M10 20a2 2 0 0 0 4 0" />
                    </svg>
                    {user.unread ? (
                      <span
                        aria-hidden="true"
                        className="absolute -right-1 top-0 min-w-5 rounded-full bg-rose-600 px-1 text-center text-xs font-bold text-white"
                      >
                        {user.unread > 99 ? "99+" : user.unread}
                      </span>
                    ) : null}
                  </Link>
                  <span className="text-stone-600" aria-label={`Signed in as ${user.name}`}>
                    {user.name}
                  </span>
                  <Form method="post" action="/logout">
                    <button type="submit" className="rounded px-1 py-2 text-stone-700 underline underline-offset-2 hover:text-stone-950">
                      Sign out
                    </button>
                  </Form>
                </>
              ) : (
                <>
                  <NavLink to="/login" className="rounded px-1 py-2 text-stone-700 hover:text-stone-950">
                    Sign in
                  </NavLink>
                  <NavLink to="/signup" className="rounded-md bg-brand-700 px-3 py-2 font-medium text-white hover:bg-brand-800">
                    Create account
                  </NavLink>
                </>
              )}
            </nav>
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8">
          {data?.joined ? (
            <p role="status" className="mb-6 rounded-md bg-brand-50 p-3 font-medium text-brand-800">
              You joined {data.joined.clinic}
              {data.joined.cohorts.length ? `, cohort ${data.joined.cohorts.join(" and ")}` : ""}.
            </p>
          ) : null}
          {children}
        </main>
        <footer className="border-t border-stone-200 bg-white print:hidden">
          <div className="mx-auto flex max-w-5xl flex-wrap justify-between gap-2 px-4 py-6 text-sm text-stone-600">
            <p>Stipple — training and certification for scalp micropigmentation.</p>
            <Link to="/verify" className="underline underline-offset-2">
              Check a certificate
            </Link>
            {data?.demoOutbox ? (
              <Link to="/dev/outbox" className="underline underline-offset-2">
                Demo outbox
              </Link>
            ) : null}
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  const copy = statusCopy(status);
  return <StatusPage status={status} {...copy} />;
}
