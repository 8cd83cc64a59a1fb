import sharp from "sharp";

const cache = new Map<string, Buffer>();

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Splits a title into lines of at most `width` characters, on spaces. */
function lines(title: string, width: number): string[] {
  const out: string[] = [];
  for (const word of title.split(/\s+/)) {
    const last = out.at(-1);
    if (last !== undefined && (last + " " + word).length <= width) out[out.length - 1] = `${last} ${word}`;
    else out.push(word);
  }
  return out.slice(0, 4);
}

/** The programme's badge: a 600×600 PNG drawn from its title, the same for every holder (baked copies add the credential). */
export async function badgeImage(programmeTitle: string): Promise<Buffer> {
  const hit = cache.get(programmeTitle);
  if (hit) return hit;
  const title = lines(programmeTitle, 16);
  const top = 300 - (title.length - 1) * 24;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">
  <circle cx="300" cy="300" r="290" fill="#1d4432"/>
  <circle cx="300" cy="300" r="262" fill="none" stroke="#e1ebe4" stroke-width="6" stroke-dasharray="2 14" stroke-linecap="round"/>
  <circle cx="300" cy="300" r="228" fill="#2f6b4f"/>
  <text x="300" y="150" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="34" font-weight="bold" letter-spacing="8" fill="#f3f6f4">STIPPLE</text>
  ${title.map((l, i) => `<text x="300" y="${top + i * 48}" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="40" font-weight="bold" fill="#ffffff">${escape(l)}</text>`).join("\n  ")}
  <rect x="150" y="420" width="300" height="56" rx="28" fill="#f3f6f4"/>
  <text x="300" y="458" text-anchor="middle" font-family="DejaVu Sans, Arial, sans-serif" font-size="26" font-weight="bold" letter-spacing="4" fill="#1d4432">CERTIFIED</text>
</svg>`;
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  if (cache.size > 50) cache.clear();
  cache.set(programmeTitle, png);
  return png;
}
