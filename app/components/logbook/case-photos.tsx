import { Form } from "@remix-run/react";

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * A case's photos as thumbnails that open full size, each named for a screen reader (`view(n)`),
 * with a Remove button posting `removeIntent` while the photos may change.
 */
export function CasePhotoGrid({
  photos,
  view,
  label,
  removeIntent,
}: {
  photos: readonly { id: string }[];
  /** What the nth photo (from 1) is: "view 1 of the treated area". */
  view: (n: number) => string;
  label?: string;
  /** Set while the learner may remove photos: the intent the Remove buttons post. */
  removeIntent?: string;
}) {
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3" aria-label={label}>
      {photos.map((p, i) => (
        <li key={p.id} className="overflow-hidden rounded-md border border-stone-200 bg-white">
          <a href={`/logbook/photos/${p.id}`} target="_blank" rel="noreferrer" className="block">
            <img
              src={`/logbook/photos/${p.id}?size=thumb`}
              alt={`${capitalise(view(i + 1))}, opens full size in a new tab`}
              className="aspect-square w-full object-cover"
            />
          </a>
          {removeIntent ? (
            <Form method="post" className="flex justify-end p-2">
              <input type="hidden" name="intent" value={removeIntent} />
              <input type="hidden" name="id" value={p.id} />
              <button type="submit" className="min-h-9 rounded px-2 text-sm text-rose-700 underline" aria-label={`Remove ${view(i + 1)}`}>
                Remove
              </button>
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
