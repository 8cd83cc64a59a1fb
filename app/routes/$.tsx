import { data } from "@remix-run/node";
import { StatusPage, statusCopy } from "~/components/status-page";

/** Any address no route claims: a real 404 status with the site's own page. */
export function loader() {
  throw data({ message: "Not found" }, { status: 404 });
}

export default function NotFoundPage() {
  return <StatusPage status={404} {...statusCopy(404)} />;
}
