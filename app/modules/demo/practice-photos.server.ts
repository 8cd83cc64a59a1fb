// Synthetic photos of SMP practice work with known truth, for measuring the dot analysis (bench,
// tests) and for the demo submissions: dots placed in millimetres (Poisson-disc, clustered or a lattice), some merged and some blown out,
// on a skin tone from light to dark, with the calibration card beside them, then photographed
// badly on purpose: slight perspective, uneven light, blur, sensor noise and JPEG.
import sharp from "sharp";
import { CALIBRATION_CARD } from "~/modules/analysis/calibration-card";

/** A small, fast, seedable PRNG (Tommy Ettinger's Mulberry32), so every scene can be rebuilt from its seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Pattern = "poisson" | "clustered" | "grid";
export type TrueDot = { x: number; y: number; diameterMm: number; blowout: boolean; halo: number; darkness: number };
/** Dots whose discs touch: one merged mark on the skin. Centre in mm. */
export type TrueGroup = { x: number; y: number; members: number[] };

export type Scene = {
  seed: number;
  pattern: Pattern;
  widthPx: number;
  heightPx: number;
  pxPerMm: number;
  /** The field of dots, in mm from the image's top-left corner (before perspective). */
  field: { x: number; y: number; width: number; height: number };
  card: { x: number; y: number };
  baseDiameterMm: number;
  spacingMm: number;
  dots: TrueDot[];
  merged: TrueGroup[];
  skin: [number, number, number];
  ink: [number, number, number];
  photo: { perspective: [number, number]; light: { gx: number; gy: number; vignette: number }; blurPx: number; noise: number; jpegQuality: number };
};

const SKIN_TONES: Array<[number, number, number]> = [
  [236, 208, 186],
  [224, 187, 160],
  [198, 152, 118],
  [168, 118, 86],
  [134, 92, 66],
  [112, 76, 56],
];

function poissonDisc(random: () => number, width: number, height: number, r: number): Array<{ x: number; y: number }> {
  // Bridson (2007), "Fast Poisson disk sampling in arbitrary dimensions", SIGGRAPH sketches.
  const cell = r / Math.SQRT2;
  const cols = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  const grid = new Int32Array(cols * rows).fill(-1);
  const points: Array<{ x: number; y: number }> = [];
  const active: number[] = [];
  const add = (x: number, y: number) => {
    points.push({ x, y });
    grid[Math.floor(y / cell) * cols + Math.floor(x / cell)] = points.length - 1;
    active.push(points.length - 1);
  };
  add(random() * width, random() * height);
  while (active.length) {
    const ai = Math.floor(random() * active.length);
    const p = points[active[ai]!]!;
    let placed = false;
    for (let k = 0; k < 30 && !placed; k++) {
      const a = random() * 2 * Math.PI;
      const d = r * (1 + random());
      const x = p.x + d * Math.cos(a);
      const y = p.y + d * Math.sin(a);
      if (x < 0 || y < 0 || x >= width || y >= height) continue;
      const cx = Math.floor(x / cell);
      const cy = Math.floor(y / cell);
      let ok = true;
      for (let yy = Math.max(0, cy - 2); yy <= Math.min(rows - 1, cy + 2) && ok; yy++)
        for (let xx = Math.max(0, cx - 2); xx <= Math.min(cols - 1, cx + 2) && ok; xx++) {
          const j = grid[yy * cols + xx]!;
          if (j >= 0 && Math.hypot(points[j]!.x - x, points[j]!.y - y) < r) ok = false;
        }
      if (ok) {
        add(x, y);
        placed = true;
      }
    }
    if (!placed) active.splice(ai, 1);
  }
  return points;
}

/** Scene options: the pattern and image size can be fixed; everything else is drawn from the seed. */
export type SceneOptions = { pattern?: Pattern; widthPx?: number; heightPx?: number; pxPerMm?: number; skinTone?: number; baseDiameterMm?: number };

/** A scene with known truth, reproducible from its seed. */
export function makeScene(seed: number, options: SceneOptions = {}): Scene {
  const random = mulberry32(seed);
  const between = (a: number, b: number) => a + (b - a) * random();
  const patterns: Pattern[] = ["poisson", "clustered", "grid"];
  const pattern = options.pattern ?? patterns[seed % 3]!;
  const widthPx = options.widthPx ?? 1600;
  const heightPx = options.heightPx ?? 1200;
  const drawnDiameter = between(0.3, 1.2);
  const baseDiameterMm = options.baseDiameterMm ?? drawnDiameter;
  // Enough pixels across the smallest dot to see it, as the practicals' photo guidance asks.
  const pxPerMm = options.pxPerMm ?? between(Math.max(16, 7 / baseDiameterMm), Math.max(22, Math.min(40, 16 / baseDiameterMm)));
  const wMm = widthPx / pxPerMm;
  const hMm = heightPx / pxPerMm;
  const card = CALIBRATION_CARD.outerMm;
  const margin = 1.5;
  const cardAt = {
    x: margin + CALIBRATION_CARD.paperMarginMm,
    y: between(margin + CALIBRATION_CARD.paperMarginMm, Math.max(margin, hMm - card - margin - CALIBRATION_CARD.paperMarginMm)),
  };
  const fieldX = cardAt.x + card + CALIBRATION_CARD.paperMarginMm + 2;
  const field = { x: fieldX, y: margin, width: wMm - fieldX - margin, height: hMm - 2 * margin };
  const spacingMm = baseDiameterMm * between(2.2, 3.2);
  const sizeOf = () => baseDiameterMm * (1 + 0.07 * (random() + random() + random() - 1.5) * 2);
  const dots: TrueDot[] = [];
  const place = (x: number, y: number) =>
    dots.push({ x: field.x + x, y: field.y + y, diameterMm: sizeOf(), blowout: false, halo: 0, darkness: between(0.9, 1) });

  if (pattern === "poisson") {
    for (const p of poissonDisc(random, field.width, field.height, spacingMm)) place(p.x, p.y);
  } else if (pattern === "grid") {
    const angle = between(-0.17, 0.17);
    const hex = random() < 0.4;
    const step = spacingMm * 1.25;
    const rowStep = hex ? (step * Math.sqrt(3)) / 2 : step;
    const cx = field.width / 2;
    const cy = field.height / 2;
    const reach = Math.hypot(field.width, field.height) / 2;
    for (let r = -Math.ceil(reach / rowStep); r <= Math.ceil(reach / rowStep); r++)
      for (let c = -Math.ceil(reach / step) - 1; c <= Math.ceil(reach / step) + 1; c++) {
        const u = (c + (hex && r % 2 ? 0.5 : 0)) * step + (random() - 0.5) * 0.1 * step;
        const v = r * rowStep + (random() - 0.5) * 0.1 * step;
        const x = cx + u * Math.cos(angle) - v * Math.sin(angle);
        const y = cy + u * Math.sin(angle) + v * Math.cos(angle);
        if (x >= baseDiameterMm && y >= baseDiameterMm && x <= field.width - baseDiameterMm && y <= field.height - baseDiameterMm) place(x, y);
      }
  } else {
    // A Matérn-style cluster process with a hard core: parents at random, children around them.
    const area = field.width * field.height;
    const children = Math.round(area / (spacingMm * spacingMm * 1.6));
    const parents = Math.max(3, Math.round(children / 8));
    const centres = Array.from({ length: parents }, () => ({ x: random() * field.width, y: random() * field.height }));
    const points = poissonDisc(random, field.width, field.height, baseDiameterMm * 1.9);
    const radius = spacingMm * 2.2;
    for (const p of points) {
      const near = centres.some((c) => Math.hypot(c.x - p.x, c.y - p.y) < radius);
      if (near) place(p.x, p.y);
      if (dots.length >= children) break;
    }
  }

  // Blow-outs: a few dots spread wider with a soft halo, where there is room for them.
  const clearance = (i: number, r: number) =>
    dots.every((d, j) => j === i || Math.hypot(d.x - dots[i]!.x, d.y - dots[i]!.y) > r + d.diameterMm / 2 + 0.35 * baseDiameterMm);
  const blowouts = Math.round(dots.length * between(0.015, 0.04));
  for (let k = 0, tries = 0; k < blowouts && tries < blowouts * 20; tries++) {
    const i = Math.floor(random() * dots.length);
    const d = dots[i]!;
    if (d.blowout) continue;
    const factor = between(1.8, 2.4);
    const halo = between(0.25, 0.5);
    if (!clearance(i, (d.diameterMm * factor * (1 + halo)) / 2)) continue;
    d.diameterMm *= factor;
    d.halo = halo;
    d.blowout = true;
    k++;
  }

  // Merges: a second dot laid over an existing one, as when a needle lands twice.
  const merges = Math.round(dots.length * between(0.015, 0.04));
  const merged: TrueGroup[] = [];
  const partnered = new Set<number>();
  for (let k = 0, tries = 0; k < merges && tries < merges * 30; tries++) {
    const i = Math.floor(random() * dots.length);
    const d = dots[i]!;
    if (d.blowout || partnered.has(i)) continue;
    const a = random() * 2 * Math.PI;
    const partnerDiameter = sizeOf();
    const sep = ((d.diameterMm + partnerDiameter) / 2) * between(0.55, 0.85);
    const q = { x: d.x + sep * Math.cos(a), y: d.y + sep * Math.sin(a) };
    const reach = sep + partnerDiameter;
    const clear = dots.every(
      (o, j) => j === i || Math.hypot(o.x - q.x, o.y - q.y) > (o.diameterMm * (1 + o.halo) + partnerDiameter) / 2 + 0.5 * baseDiameterMm,
    );
    const inside = q.x > field.x + reach && q.y > field.y + reach && q.x < field.x + field.width - reach && q.y < field.y + field.height - reach;
    if (!clear || !inside) continue;
    dots.push({ ...q, diameterMm: partnerDiameter, blowout: false, halo: 0, darkness: between(0.9, 1) });
    partnered.add(i).add(dots.length - 1);
    merged.push({ x: (d.x + q.x) / 2, y: (d.y + q.y) / 2, members: [i, dots.length - 1] });
    k++;
  }

  const skin = SKIN_TONES[options.skinTone ?? Math.floor(random() * SKIN_TONES.length)]!;
  const inkLevel = between(22, 40);
  return {
    seed,
    pattern,
    widthPx,
    heightPx,
    pxPerMm,
    field,
    card: cardAt,
    baseDiameterMm,
    spacingMm,
    dots,
    merged,
    skin,
    ink: [inkLevel, inkLevel * 1.02, inkLevel * 1.15],
    photo: {
      perspective: [between(-1, 1) * (0.012 / widthPx), between(-1, 1) * (0.012 / heightPx)],
      light: { gx: between(-0.12, 0.12), gy: between(-0.12, 0.12), vignette: between(0, 0.1) },
      blurPx: between(0.4, 1.3),
      noise: between(1.5, 5),
      jpegQuality: Math.round(between(70, 92)),
    },
  };
}

/**
 * Maps a point of the flat scene (pixels) to the photo (pixels): a slight keystone about the
 * image centre, as when the camera is not quite parallel to the skin.
 */
export function toPhoto(scene: Scene, x: number, y: number): { x: number; y: number } {
  const cx = scene.widthPx / 2;
  const cy = scene.heightPx / 2;
  const [g, h] = scene.photo.perspective;
  const w = 1 + g * (x - cx) + h * (y - cy);
  return { x: cx + (x - cx) / w, y: cy + (y - cy) / w };
}

function fromPhoto(scene: Scene, u: number, v: number): { x: number; y: number } {
  const cx = scene.widthPx / 2;
  const cy = scene.heightPx / 2;
  const [g, h] = scene.photo.perspective;
  const s = 1 - g * (u - cx) - h * (v - cy);
  return { x: cx + (u - cx) / s, y: cy + (v - cy) / s };
}

function gaussian(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Draws a scene as a JPEG photo. */
export async function renderScene(scene: Scene): Promise<Buffer> {
  const { widthPx: W, heightPx: H, pxPerMm: k } = scene;
  // Ink coverage per pixel (0–1), dots and card border alike; paper separately.
  const ink = new Float32Array(W * H);
  const inkShade = new Float32Array(W * H).fill(1);
  const paper = new Float32Array(W * H);
  const random = mulberry32(scene.seed ^ 0x5eed);

  for (const dot of scene.dots) {
    const r = dot.diameterMm / 2;
    const reach = r * (1 + dot.halo * 2.5) + 2 / k;
    const a = toPhoto(scene, (dot.x - reach) * k, (dot.y - reach) * k);
    const b = toPhoto(scene, (dot.x + reach) * k, (dot.y + reach) * k);
    for (let v = Math.max(0, Math.floor(Math.min(a.y, b.y)) - 1); v <= Math.min(H - 1, Math.ceil(Math.max(a.y, b.y)) + 1); v++)
      for (let u = Math.max(0, Math.floor(Math.min(a.x, b.x)) - 1); u <= Math.min(W - 1, Math.ceil(Math.max(a.x, b.x)) + 1); u++) {
        const p = fromPhoto(scene, u + 0.5, v + 0.5);
        const dist = Math.hypot(p.x / k - dot.x, p.y / k - dot.y);
        let cover = Math.min(1, Math.max(0, (r - dist) * k + 0.5));
        if (dot.halo > 0 && dist > r) cover = Math.max(cover, 0.45 * Math.exp(-(((dist - r) / (dot.halo * r)) ** 2)));
        const i = v * W + u;
        if (cover > ink[i]!) {
          ink[i] = cover;
          inkShade[i] = dot.darkness;
        }
      }
  }

  // The calibration card: a black square frame on white paper with a white margin around it.
  const { outerMm, borderMm, paperMarginMm } = CALIBRATION_CARD;
  const c0 = { x: scene.card.x - paperMarginMm, y: scene.card.y - paperMarginMm };
  const c1 = { x: scene.card.x + outerMm + paperMarginMm, y: scene.card.y + outerMm + paperMarginMm };
  const ca = toPhoto(scene, c0.x * k, c0.y * k);
  const cb = toPhoto(scene, c1.x * k, c1.y * k);
  const inSquare = (x: number, y: number, x0: number, y0: number, size: number) => x >= x0 && y >= y0 && x < x0 + size && y < y0 + size;
  for (let v = Math.max(0, Math.floor(ca.y) - 2); v <= Math.min(H - 1, Math.ceil(cb.y) + 2); v++)
    for (let u = Math.max(0, Math.floor(ca.x) - 2); u <= Math.min(W - 1, Math.ceil(cb.x) + 2); u++) {
      let onPaper = 0;
      let onInk = 0;
      for (const [sx, sy] of [
        [0.25, 0.25],
        [0.75, 0.25],
        [0.25, 0.75],
        [0.75, 0.75],
      ] as const) {
        const p = fromPhoto(scene, u + sx, v + sy);
        const x = p.x / k;
        const y = p.y / k;
        if (!inSquare(x, y, c0.x, c0.y, outerMm + 2 * paperMarginMm)) continue;
        onPaper += 0.25;
        if (inSquare(x, y, scene.card.x, scene.card.y, outerMm) && !inSquare(x, y, scene.card.x + borderMm, scene.card.y + borderMm, outerMm - 2 * borderMm))
          onInk += 0.25;
      }
      const i = v * W + u;
      if (onPaper > 0) {
        paper[i] = onPaper;
        ink[i] = onInk;
        inkShade[i] = 0.75;
      }
    }

  // Sensor noise from a table of normal deviates: drawing three per pixel directly is most of the cost.
  const normals = new Float32Array(1 << 16);
  for (let i = 0; i < normals.length; i++) normals[i] = gaussian(random);
  let state = (scene.seed * 2654435761) >>> 0 || 1;
  const rgb = Buffer.alloc(W * H * 3);
  const { light, noise } = scene.photo;
  const [sr, sg, sb] = scene.skin;
  const [ir, ig, ib] = scene.ink;
  const skinRgb = [sr, sg, sb];
  const inkRgb = [ir, ig, ib];
  const paperRgb = [242, 240, 236];
  for (let v = 0; v < H; v++) {
    const ny = v / H - 0.5;
    for (let u = 0; u < W; u++) {
      const nx = u / W - 0.5;
      const lit = 1 + light.gx * nx * 2 + light.gy * ny * 2 - light.vignette * 4 * (nx * nx + ny * ny);
      // A little mottling of the practice skin, far coarser than any dot.
      const mottle = 1 + 0.02 * Math.sin(u * 0.013 + v * 0.007) * Math.cos(v * 0.011 - u * 0.004);
      const i = v * W + u;
      const a = ink[i]!;
      const pa = paper[i]!;
      const shade = inkShade[i]!;
      for (let ch = 0; ch < 3; ch++) {
        const base = skinRgb[ch]! * (1 - pa) * mottle + paperRgb[ch]! * pa;
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        const value = (base * (1 - a) + inkRgb[ch]! * shade * a) * lit + noise * normals[(state >>> 0) & 0xffff]!;
        rgb[i * 3 + ch] = value < 0 ? 0 : value > 255 ? 255 : value + 0.5;
      }
    }
  }
  return sharp(rgb, { raw: { width: W, height: H, channels: 3 } })
    .blur(scene.photo.blurPx >= 0.3 ? scene.photo.blurPx : undefined)
    .jpeg({ quality: scene.photo.jpegQuality })
    .toBuffer();
}

/** The truth a scene's photo should be measured as: every dot in mm, merges and blow-outs. */
export function truthOf(scene: Scene) {
  return {
    pxPerMm: scene.pxPerMm,
    centres: scene.dots.map((d) => ({ x: d.x, y: d.y })),
    diameters: scene.dots.map((d) => d.diameterMm),
    blowouts: scene.dots.filter((d) => d.blowout).map((d) => ({ x: d.x, y: d.y })),
    merged: scene.merged.map((g) => ({ x: g.x, y: g.y })),
  };
}
