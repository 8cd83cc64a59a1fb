import { calibrationCardPdf } from "~/modules/analysis/calibration-card-pdf.server";

/** The printable calibration cards the practicals ask to be photographed beside the work. Public: it holds nothing but the card. */
export async function loader() {
  const bytes = await calibrationCardPdf();
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": 'inline; filename="stipple-calibration-cards.pdf"',
      "Cache-Control": "public, max-age=86400",
    },
  });
}
