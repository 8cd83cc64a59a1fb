import type { Paperwork, PaperworkItem } from "~/modules/content/schema";

const box = <span aria-hidden="true" className="mt-1 inline-block h-4 w-4 shrink-0 border border-stone-800" />;
const writingLine = (key: number) => <span key={key} aria-hidden="true" className="block h-8 border-b border-stone-400" />;

/** One line of a form as it prints: boxes to tick and lines to write on (a screen reader hears the labels). */
function Item({ item }: { item: PaperworkItem }) {
  switch (item.kind) {
    case "text":
      return <p className="text-stone-800">{item.text}</p>;
    case "field":
      return (
        <div>
          <p className="font-medium text-stone-900">{item.label}</p>
          {Array.from({ length: item.lines }, (_, i) => writingLine(i))}
        </div>
      );
    case "yesno":
      return (
        <div>
          <div className="flex items-start justify-between gap-4">
            <p className="text-stone-900">{item.label}</p>
            <span className="flex shrink-0 gap-3 text-sm text-stone-800">
              <span className="flex gap-1">{box} Yes</span>
              <span className="flex gap-1">{box} No</span>
            </span>
          </div>
          {item.details ? writingLine(0) : null}
        </div>
      );
    case "check":
      return (
        <p className="flex gap-2 text-stone-900">
          {box}
          <span>{item.label}</span>
        </p>
      );
    case "signature":
      return (
        <div className="grid gap-4 pt-2 sm:grid-cols-[2fr,2fr,1fr]">
          <p className="font-medium text-stone-900 sm:col-span-3">{item.label}</p>
          {["Signature", "Name in capitals", "Date"].map((label) => (
            <div key={label}>
              {writingLine(0)}
              <span className="text-xs text-stone-600">{label}</span>
            </div>
          ))}
        </div>
      );
  }
}

/** A client form laid out to print on A4 (the site's header and footer are hidden in print). */
export function FormView({ form, clinicName }: { form: Paperwork; clinicName: string | null }) {
  return (
    <article aria-labelledby="form-title" className="space-y-6 rounded-lg border border-stone-200 bg-white p-6 print:border-0 print:p-0">
      <header className="space-y-2">
        {clinicName ? (
          <p className="text-lg font-semibold text-stone-900">{clinicName}</p>
        ) : (
          <div className="max-w-sm">
            <p className="font-medium text-stone-900">Clinic</p>
            {writingLine(0)}
          </div>
        )}
        <h1 id="form-title" className="text-2xl font-bold text-stone-900">
          {form.title}
        </h1>
        <p className="text-stone-600">{form.summary}</p>
      </header>
      {form.sections.map((section) => (
        <section key={section.heading} className="space-y-3 break-inside-avoid-page">
          <h2 className="border-b border-stone-300 pb-1 text-lg font-semibold text-stone-900">{section.heading}</h2>
          {section.items.map((item, i) => (
            <Item key={i} item={item} />
          ))}
        </section>
      ))}
    </article>
  );
}
