import { useEffect, useRef, type InputHTMLAttributes } from "react";

type FieldProps = {
  label: string;
  /** Conform's field metadata: ids and errors wired for screen readers. */
  meta: { id: string; name: string; errorId: string; descriptionId: string; errors?: string[]; initialValue?: unknown };
  description?: string;
  inputProps?: InputHTMLAttributes<HTMLInputElement> & { key?: string };
  /** For password fields: the last server result. A new one empties the field, as a full page load would. */
  clearOn?: unknown;
};

/** A labelled input with its help text and error next to it, announced by screen readers. */
export function Field({ label, meta, description, inputProps, clearOn }: FieldProps) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (clearOn && ref.current) ref.current.value = "";
  }, [clearOn]);
  const error = meta.errors?.[0];
  const { key: _key, ...props } = inputProps ?? {};
  const describedBy = [description ? meta.descriptionId : null, error ? meta.errorId : null].filter(Boolean).join(" ") || undefined;
  const initial = typeof meta.initialValue === "string" ? meta.initialValue : undefined;
  return (
    <div className="space-y-1">
      <label htmlFor={meta.id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      {description ? (
        <p id={meta.descriptionId} className="text-sm text-stone-600">
          {description}
        </p>
      ) : null}
      <input
        ref={ref}
        id={meta.id}
        name={meta.name}
        defaultValue={props.type === "password" ? undefined : initial}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={`block w-full rounded-md border bg-white px-3 py-2 text-base shadow-sm ${error ? "border-rose-600" : "border-stone-300"}`}
        {...props}
      />
      {error ? (
        <p id={meta.errorId} className="text-sm font-medium text-rose-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A form-level message (e.g. "too many attempts") placed above the fields and announced. */
export function FormError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <div id={id} role="alert" className="rounded-md border border-rose-300 bg-rose-50 p-3 text-sm font-medium text-rose-800">
      {errors[0]}
    </div>
  );
}
