import sharp, { type OutputInfo } from "sharp";
import { analyse, type DotAnalysis } from "./analyse";
import { detectDots } from "./detect-dots";

/**
 * Long side of the copy the dots are looked for on. A close-up taken as the practicals ask (40 px/mm
 * at the 2,560 px Stipple stores) keeps 32 px/mm here, ten pixels across a 0.3 mm dot; a third fewer
 * pixels than the stored copy is a third less time.
 */
export const ANALYSIS_EDGE = 2048;

/**
 * Decodes a photo (auto-oriented, bounded to ANALYSIS_EDGE on its long side, greyscale) and
 * measures its dots. Never throws for a bad photo: a photo that cannot be decoded or measured
 * gives `ok: false` with the reason.
 */
export async function analysePhotoBytes(bytes: Uint8Array, ruler: number | null = null): Promise<DotAnalysis> {
  let grey: { data: Buffer; info: OutputInfo };
  try {
    grey = await sharp(bytes, { limitInputPixels: 50_000_000, failOn: "error" })
      .rotate()
      .resize({ width: ANALYSIS_EDGE, height: ANALYSIS_EDGE, fit: "inside", withoutEnlargement: true, kernel: "linear" })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch {
    return { ok: false, version: 1, reason: "The photo could not be read.", cardFound: false };
  }
  const { data, info } = grey;
  if (info.channels !== 1) return { ok: false, version: 1, reason: "The photo could not be read.", cardFound: false };
  const image = { width: info.width, height: info.height };
  const detection = detectDots({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height });
  return analyse(detection, image, ruler);
}
