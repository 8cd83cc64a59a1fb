import fs from "node:fs";
import path from "node:path";
import { getCatalogue } from "./catalogue.server";

const TYPES: Record<string, string> = { ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp" };

/** A figure file from a module's folder, or null for anything else (other names, other folders). */
export function contentImage(courseSlug: string, moduleSlug: string, file: string): { bytes: Uint8Array<ArrayBuffer>; contentType: string } | null {
  if (!/^[\w-]+(\.[\w-]+)*\.(svg|png|jpe?g|webp)$/i.test(file)) return null;
  const mod = getCatalogue()
    .bySlug.get(courseSlug)
    ?.modules.find((m) => m.slug === moduleSlug);
  if (!mod) return null;
  const full = path.join(mod.dir, file);
  if (path.dirname(full) !== mod.dir || !fs.existsSync(full)) return null;
  const buffer = fs.readFileSync(full);
  return { bytes: new Uint8Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.length) as ArrayBuffer), contentType: TYPES[path.extname(file).toLowerCase()]! };
}
