import fs from "node:fs";
import sharp, { type Metadata, type Sharp } from "sharp";
import { Invalid } from "~/modules/errors";
import { sniffImage, UPLOAD_LIMITS, type ImageKind } from "./image-check";

export type ProcessedPhoto = { image: Buffer; thumb: Buffer; contentType: "image/jpeg"; width: number; height: number; kind: ImageKind };

sharp.cache(false);
// Two cores: one photo at a time per process keeps a burst of uploads from exhausting memory.
sharp.concurrency(1);

async function readHead(file: string, length = 64): Promise<Uint8Array> {
  const handle = await fs.promises.open(file, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const DAMAGED = "That photo could not be read; it may be damaged. Try exporting it again from your phone or camera, as JPEG if you can.";
const tooManyPixels = () =>
  new Invalid(`That photo has too many pixels (over ${UPLOAD_LIMITS.maxPixels / 1_000_000} megapixels). Send a smaller copy.`, "photos");

/**
 * The dimensions a file's header declares, read without decoding a pixel; Invalid when the header
 * cannot be read. Every decoder runs only after these pass the pixel limit.
 */
async function headerSize(file: string): Promise<Metadata & { width: number; height: number }> {
  let meta: Metadata;
  try {
    meta = await sharp(file, { limitInputPixels: false }).metadata();
  } catch {
    throw new Invalid(DAMAGED, "photos");
  }
  if (!meta.width || !meta.height) throw new Invalid(DAMAGED, "photos");
  if (meta.width * meta.height > UPLOAD_LIMITS.maxPixels) throw tooManyPixels();
  return meta as Metadata & { width: number; height: number };
}

/**
 * HEIC from phones is HEVC-coded, which libvips here cannot read: decode it in WebAssembly, only
 * after its declared size passed the limit. A decoder failure is the person's damaged file, not
 * our error.
 */
async function decodeHeic(file: string): Promise<Sharp> {
  const { default: decode } = await import("heic-decode");
  const buffer = await fs.promises.readFile(file);
  let image: Awaited<ReturnType<typeof decode>>;
  try {
    image = await decode({ buffer });
  } catch {
    throw new Invalid(DAMAGED, "photos");
  }
  if (image.width * image.height > UPLOAD_LIMITS.maxPixels) throw tooManyPixels();
  return sharp(Buffer.from(image.data.buffer), { raw: { width: image.width, height: image.height, channels: 4 } });
}

/**
 * Checks an uploaded file by its bytes and re-encodes it: auto-oriented, every piece of metadata
 * (EXIF, GPS, XMP, ICC) dropped, converted to sRGB JPEG, bounded in size, plus a thumbnail.
 * The pixel count is read from the header and checked before any decoding. Throws Invalid
 * (field "photos") for anything that is not an acceptable photo.
 */
export async function processPhoto(file: string, declaredSize: number): Promise<ProcessedPhoto> {
  if (declaredSize > UPLOAD_LIMITS.maxFileBytes) throw new Invalid(`Each photo must be at most ${UPLOAD_LIMITS.maxFileBytes / 1024 / 1024} MB.`, "photos");
  const kind = sniffImage(await readHead(file));
  if (!kind) throw new Invalid("That file is not a JPEG, PNG, WebP or HEIC photo.", "photos");
  // Reading the header decodes no pixels, so even a bomb can be measured safely here.
  const meta = await headerSize(file);
  // HEIF holding AV1 (AVIF) is read by libvips itself; HEVC-coded HEIC needs the WebAssembly decoder.
  const pipeline: Sharp =
    kind === "heic" && meta.compression !== "av1"
      ? await decodeHeic(file)
      : sharp(file, { limitInputPixels: UPLOAD_LIMITS.maxPixels, failOn: "error", sequentialRead: true });
  try {
    const oriented = pipeline.rotate().toColourspace("srgb");
    const { data: image, info } = await oriented
      .clone()
      .resize({ width: UPLOAD_LIMITS.maxEdge, height: UPLOAD_LIMITS.maxEdge, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality: 86, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumb = await sharp(image)
      .resize({ width: UPLOAD_LIMITS.thumbEdge, height: UPLOAD_LIMITS.thumbEdge, fit: "inside" })
      .jpeg({ quality: 78 })
      .toBuffer();
    return { image, thumb, contentType: "image/jpeg", width: info.width, height: info.height, kind };
  } catch (error) {
    if (error instanceof Invalid) throw error;
    throw new Invalid("That photo could not be processed; it may be damaged or too large.", "photos");
  }
}
