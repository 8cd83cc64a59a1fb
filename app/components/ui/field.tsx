import { useEffect, useRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from "react";

/** Conform's field metadata: ids and errors wired for screen readers. */
export type FieldMeta = { id: string; name: string; errorId: string; descriptionId: string; errors?: string[]; initialValue?: unknown };

type FieldProps = {
  label: string;
  meta: FieldMeta;
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
  return (
    <FieldShell label={label} meta={meta} description={description}>
      <input
        ref={ref}
        id={meta.id}
        name={meta.name}
        defaultValue={props.type === "password" ? undefined : initialText(meta)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(meta, Boolean(description))}
        className={`block w-full rounded-md border bg-white px-3 py-2 text-base shadow-sm ${error ? "border-rose-600" : "border-stone-300"}`}
        {...props}
      />
    </FieldShell>
  );
}

/** The form-level message of a Conform reply (a refusal that names no field), if any. */
export function formErrorOf(result: { error?: Record<string, string[] | null> | null } | null | undefined): string | null {
  return result?.error?.[""]?.[0] ?? null;
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

/** The `aria-describedby` of a control: its help text, then its error. */
export function describedBy(meta: FieldMeta, hasDescription = false): string | undefined {
  return [hasDescription ? meta.descriptionId : null, meta.errors?.length ? meta.errorId : null].filter(Boolean).join(" ") || undefined;
}

export const controlClass = (error?: string) =>
  `block min-h-11 w-full rounded-md border bg-white px-3 py-2 text-base shadow-sm ${error ? "border-rose-600" : "border-stone-300"}`;

const initialText = (meta: FieldMeta) => (typeof meta.initialValue === "string" ? meta.initialValue : undefined);

function Help({ meta, description }: { meta: FieldMeta; description?: ReactNode }) {
  return description ? (
    <p id={meta.descriptionId} className="text-sm text-stone-600">
      {description}
    </p>
  ) : null;
}

function ErrorText({ meta }: { meta: FieldMeta }) {
  const error = meta.errors?.[0];
  return error ? (
    <p id={meta.errorId} className="text-sm font-medium text-rose-700">
      {error}
    </p>
  ) : null;
}

function HelpAndError({ meta, description }: { meta: FieldMeta; description?: ReactNode }) {
  return (
    <>
      <Help meta={meta} description={description} />
      <ErrorText meta={meta} />
    </>
  );
}

/** Label, help text and error around one control; the control itself is the caller's. */
function FieldShell({ label, meta, description, children }: { label: string; meta: FieldMeta; description?: ReactNode; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={meta.id} className="block text-sm font-medium text-stone-800">
        {label}
      </label>
      <Help meta={meta} description={description} />
      {children}
      <ErrorText meta={meta} />
    </div>
  );
}

type SelectFieldProps = {
  label: string;
  meta: FieldMeta;
  description?: ReactNode;
  options: readonly { value: string; label: string }[];
  /** A first, empty choice ("Choose…") when nothing is chosen by default. */
  placeholder?: string;
  selectProps?: SelectHTMLAttributes<HTMLSelectElement>;
};

/** A labelled select with its help text and error next to it. */
export function SelectField({ label, meta, description, options, placeholder, selectProps }: SelectFieldProps) {
  const error = meta.errors?.[0];
  return (
    <FieldShell label={label} meta={meta} description={description}>
      <select
        id={meta.id}
        name={meta.name}
        defaultValue={initialText(meta)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(meta, Boolean(description))}
        className={controlClass(error)}
        {...selectProps}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

type TextareaFieldProps = {
  label: string;
  meta: FieldMeta;
  description?: ReactNode;
  textareaProps?: TextareaHTMLAttributes<HTMLTextAreaElement>;
};

/** A labelled textarea with its help text and error next to it. */
export function TextareaField({ label, meta, description, textareaProps }: TextareaFieldProps) {
  const error = meta.errors?.[0];
  return (
    <FieldShell label={label} meta={meta} description={description}>
      <textarea
        id={meta.id}
        name={meta.name}
        defaultValue={initialText(meta)}
        rows={4}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(meta, Boolean(description))}
        className={controlClass(error)}
        {...textareaProps}
      />
    </FieldShell>
  );
}

/** A checkbox with its label beside it and its error underneath. */
export function CheckboxField({ label, meta, description, value = "on" }: { label: ReactNode; meta: FieldMeta; description?: ReactNode; value?: string }) {
  const error = meta.errors?.[0];
  return (
    <div className="space-y-1">
      <div className="flex items-start gap-3">
        <input
          type="checkbox"
          id={meta.id}
          name={meta.name}
          value={value}
          defaultChecked={meta.initialValue === value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(meta, Boolean(description))}
          className="mt-1 h-5 w-5 shrink-0 rounded border-stone-400"
        />
        <label htmlFor={meta.id} className="text-sm text-stone-800">
          {label}
        </label>
      </div>
      <HelpAndError meta={meta} description={description} />
    </div>
  );
}
