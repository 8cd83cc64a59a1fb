import type { LoaderFunctionArgs } from "@remix-run/node";
import { orHttpError, orHttpErrorAsync } from "~/http/errors.server";
import { requireActor } from "~/http/session.server";
import { findCourse } from "~/modules/content/catalogue.server";
import { paperworkPdf } from "~/modules/paperwork/paperwork-pdf.server";
import { findPaperwork, formHeading } from "~/modules/paperwork/paperwork.server";

/** A client form as a PDF to print, headed with the person's clinic; 404 for an unknown course or form. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(request, context);
  const { course, form } = orHttpError(() => {
    const course = findCourse(params.course ?? "");
    return { course, form: findPaperwork(course, params.form ?? "") };
  });
  const bytes = await orHttpErrorAsync(paperworkPdf(form, { clinicName: formHeading(context.db, actor), courseTitle: course.title }));
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="stipple-${form.slug}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
