import fs from "node:fs";
import path from "node:path";
import { getCatalogue } from "./catalogue.server";

const TYPES: Record<string, string> = { ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp" };

type ContentImage = { bytes: Uint8Array<ArrayBuffer>; contentType: string };

/** A figure file from a module's folder, or null for anything else (other names, other folders). */
export function contentImage(courseSlug: string, moduleSlug: string, file: string): ContentImage | null {
  const mod = getCatalogue()
    .bySlug.get(courseSlug)
    ?.modules.find((m) => m.slug === moduleSlug);
  return mod ? imageIn(mod.dir, file) : null;
}

/** An example image from a practical's folder (a rubric level's illustration), or null. */
export function practicalImage(courseSlug: string, practicalSlug: string, file: string): ContentImage | null {
  const practical = getCatalogue()
    .bySlug.get(courseSlug)
    ?.practicals.find((p) => p.slug === practicalSlug);
  return practical ? imageIn(practical.dir, file) : null;
}

function imageIn(dir: string, file: string): ContentImage | null {
  if (!/^[\w-]+(\.[\w-]+)*\.(svg|png|jpe?g|webp)$/i.test(file)) return null;
  const full = path.join(dir, file);
  if (path.dirname(full) !== dir || !fs.existsSync(full)) return null;
  const buffer = fs.readFileSync(full);
  return { bytes: new Uint8Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.length) as ArrayBuffer), contentType: TYPES[path.extname(file).toLowerCase()]! };
}
