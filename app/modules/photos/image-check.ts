/** The image formats learners may upload, recognised by their first bytes. */
export type ImageKind = "jpeg" | "png" | "webp" | "heic";

const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));

// HEIF brands phones write: HEVC-coded HEIC, image sequences, and the generic HEIF brands.
const HEIF_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);

/**
 * What an upload really is, from its magic number (never its name or the browser's type):
 * JPEG (FF D8 FF), PNG (89 PNG CR LF 1A LF), WebP (RIFF....WEBP), HEIC (an ISO-BMFF `ftyp` box
 * with a HEIF brand). Anything else — SVG, HTML, PDF, a renamed text file — is null.
 */
export function sniffImage(head: Uint8Array): ImageKind | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return "jpeg";
  if (head.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((b, i) => head[i] === b)) return "png";
  if (head.length >= 12 && ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 4) === "WEBP") return "webp";
  if (head.length >= 12 && ascii(head, 4, 4) === "ftyp") {
    const boxSize = (head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!;
    const brands = [ascii(head, 8, 4)];
    for (let at = 16; at + 4 <= Math.min(boxSize, head.length); at += 4) brands.push(ascii(head, at, 4));
    if (brands.some((b) => HEIF_BRANDS.has(b))) return "heic";
  }
  return null;
}

/** Limits on uploads: per file, per submission, and pixels before anything is decoded. */
export const UPLOAD_LIMITS = {
  maxFileBytes: 15 * 1024 * 1024,
  maxSubmissionBytes: 80 * 1024 * 1024,
  /** 50 megapixels: a 12 MP phone photo passes, a decompression bomb does not. */
  maxPixels: 50_000_000,
  /** Stored photos are bounded to this many pixels on the long side. */
  maxEdge: 2560,
  thumbEdge: 480,
} as const;
