import { Link } from "@remix-run/react";

/** "Taught in: Module A, Module B", each a link to the module's page. */
export function TaughtIn({
  courseSlug,
  modules,
  className = "text-sm",
}: {
  courseSlug: string;
  modules: { slug: string; title: string }[];
  className?: string;
}) {
  if (!modules.length) return null;
  return (
    <p className={className}>
      Taught in:{" "}
      {modules.map((m, i) => (
        <span key={m.slug}>
          {i ? ", " : ""}
          <Link to={`/courses/${courseSlug}/${m.slug}`} className="text-brand-700 underline underline-offset-2">
            {m.title}
          </Link>
        </span>
      ))}
    </p>
  );
}
