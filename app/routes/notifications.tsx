import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button } from "~/components/ui/button";
import { requireUser } from "~/http/session.server";
import { listNotifications, markAllRead } from "~/modules/notifications/notify.server";

export const meta: MetaFunction = () => [{ title: "Notifications — Stipple" }];

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(request, context);
  return {
    items: listNotifications(context.db, user.id).map((n) => ({
      id: n.id,
      title: n.title,
      body: n.body,
      link: n.link,
      createdAt: n.createdAt,
      unread: n.readAt === null,
    })),
  };
}

export function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(request, context);
  markAllRead(context.db, user.id);
  return { done: true };
}

export default function Notifications() {
  const { items } = useLoaderData<typeof loader>();
  const unread = items.filter((i) => i.unread).length;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-3xl font-bold text-stone-900">Notifications</h1>
        {unread ? (
          <Form method="post">
            <Button type="submit" variant="secondary">
              Mark all as read
            </Button>
          </Form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="rounded-md bg-white p-4 ring-1 ring-stone-200">Nothing yet. You will hear here when your work is graded or new work arrives to review.</p>
      ) : (
        <ul className="space-y-3">
          {items.map((n) => (
            <li key={n.id} className={`rounded-lg border p-4 ${n.unread ? "border-brand-600 bg-brand-50" : "border-stone-200 bg-white"}`}>
              <p className="text-sm text-stone-600">
                {n.unread ? <span className="mr-2 font-semibold text-brand-800">New</span> : null}
                {new Date(n.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC
              </p>
              <Link to={n.link} className="mt-1 block font-semibold text-brand-800 underline-offset-2 hover:underline">
                {n.title}
              </Link>
              <p className="text-stone-800">{n.body}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
