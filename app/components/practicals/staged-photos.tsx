import { Form } from "@remix-run/react";

/** Photos uploaded but not yet submitted, each with a button that removes it (posting `intent` and its id). */
export function StagedPhotos({
  staged,
  action,
  intent = "remove",
  label = "Photos ready to submit",
}: {
  staged: { id: string; name: string }[];
  action?: string;
  intent?: string;
  label?: string;
}) {
  if (!staged.length) return null;
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3" aria-label={label}>
      {staged.map((s) => (
        <li key={s.id} className="overflow-hidden rounded-md border border-stone-200">
          <img src={`/uploads/${s.id}?size=thumb`} alt={`Uploaded: ${s.name}`} className="aspect-square w-full object-cover" />
          <Form method="post" action={action} className="flex items-center justify-between gap-2 p-2">
            <span className="truncate text-xs text-stone-600">{s.name}</span>
            <input type="hidden" name="intent" value={intent} />
            <input type="hidden" name="id" value={s.id} />
            <button type="submit" className="min-h-9 rounded px-2 text-sm text-rose-700 underline" aria-label={`Remove ${s.name}`}>
              Remove
            </button>
          </Form>
        </li>
      ))}
    </ul>
  );
}
