// Finding dots in a greyscale photo: pure code over typed arrays (no I/O), so it runs the same in
// a worker, a test or the bench.
import { CALIBRATION_CARD } from "./calibration-card";

/** A greyscale image, one byte per pixel, row by row. */
export type Grey = { data: Uint8Array; width: number; height: number };

export type DotKind = "dot" | "merged" | "blowout";

/** One mark found on the skin, in pixels of the analysed image. */
export type FoundDot = {
  x: number;
  y: number;
  /** Area from the integrated darkness (ink-equivalent pixels), so blur neither grows nor shrinks it. */
  areaPx: number;
  diameterPx: number;
  /** √(major/minor) of the mark's second moments: 1 for a disc, larger for two dots run together. */
  elongation: number;
  kind: DotKind;
  /** How many dots the mark stands for (2 or more when merged). */
  multiplicity: number;
  /** Centres of the dots a merged mark stands for (one entry otherwise). */
  centres: Array<{ x: number; y: number }>;
  box: { x: number; y: number; width: number; height: number };
};

export type FoundCard = { pxPerMm: number; box: { x: number; y: number; width: number; height: number }; holeRatio: number };

export type Detection =
  | {
      ok: true;
      dots: FoundDot[];
      card: FoundCard | null;
      /** Ink darkness relative to the skin around it (0–1). */
      inkContrast: number;
      /** Where dots were looked for, in pixels (the image minus the card and its paper). */
      excluded: Array<{ x: number; y: number; width: number; height: number }>;
    }
  | { ok: false; reason: string; card: FoundCard | null };

/** Thresholds of the classification, chosen on generated photos (bench/dot-analysis.ts). */
export const DETECTION = {
  /** Side of the blocks the skin's brightness is estimated over. */
  blockPx: 48,
  /** A merged mark holds at least this many median dots' worth of ink and is elongated. */
  mergedArea: 1.3,
  mergedElongation: 1.3,
  /** A blow-out candidate holds at least this many median dots' worth of ink. */
  blowoutArea: 2.3,
  /** Fewer dots than this and no statistic means much. */
  minDots: 20,
} as const;

type Rect = { x: number; y: number; width: number; height: number };

/** The q-quantile of each block of a greyscale image, from a 256-bin histogram. */
function blockQuantiles(grey: Grey, block: number, q: number): { values: Float32Array; bx: number; by: number } {
  const { data, width, height } = grey;
  const bx = Math.ceil(width / block);
  const by = Math.ceil(height / block);
  const values = new Float32Array(bx * by);
  const hist = new Uint32Array(256);
  for (let j = 0; j < by; j++)
    for (let i = 0; i < bx; i++) {
      hist.fill(0);
      const x1 = Math.min(width, (i + 1) * block);
      const y1 = Math.min(height, (j + 1) * block);
      for (let y = j * block; y < y1; y++) for (let x = i * block, o = y * width + x; x < x1; x++, o++) hist[data[o]!]!++;
      const rank = (x1 - i * block) * (y1 - j * block) * q;
      let seen = 0;
      let v = 0;
      while (v < 255 && seen + hist[v]! < rank) seen += hist[v++]!;
      values[j * bx + i] = v;
    }
  return { values, bx, by };
}

/** Each block replaced by the median (or maximum) of its 3 × 3 neighbourhood; NaN blocks are skipped. */
function filterBlocks(values: Float32Array, bx: number, by: number, kind: "median" | "max"): Float32Array {
  const out = new Float32Array(bx * by);
  const window: number[] = [];
  for (let j = 0; j < by; j++)
    for (let i = 0; i < bx; i++) {
      window.length = 0;
      for (let dj = -1; dj <= 1; dj++)
        for (let di = -1; di <= 1; di++) {
          const ii = i + di;
          const jj = j + dj;
          if (ii >= 0 && jj >= 0 && ii < bx && jj < by && !Number.isNaN(values[jj * bx + ii]!)) window.push(values[jj * bx + ii]!);
        }
      if (window.length === 0) out[j * bx + i] = NaN;
      else if (kind === "max") out[j * bx + i] = Math.max(...window);
      else {
        window.sort((a, b) => a - b);
        out[j * bx + i] = window[window.length >> 1]!;
      }
    }
  return out;
}

/** Fills NaN blocks from their filled neighbours, growing inwards, so a masked-out area takes the skin around it. */
function fillBlocks(values: Float32Array, bx: number, by: number): void {
  for (let pass = 0; pass < bx + by; pass++) {
    let missing = 0;
    const before = values.slice();
    for (let j = 0; j < by; j++)
      for (let i = 0; i < bx; i++) {
        if (!Number.isNaN(before[j * bx + i]!)) continue;
        let sum = 0;
        let n = 0;
        for (const [di, dj] of [
          [-1, 0],
          [1, 0],
          [0, -1],
          [0, 1],
        ] as const) {
          const ii = i + di;
          const jj = j + dj;
          if (ii >= 0 && jj >= 0 && ii < bx && jj < by && !Number.isNaN(before[jj * bx + ii]!)) {
            sum += before[jj * bx + ii]!;
            n++;
          }
        }
        if (n) values[j * bx + i] = sum / n;
        else missing++;
      }
    if (!missing) return;
  }
}

/**
 * Darkness against a local reference brightness (1 − pixel / reference), the reference given per
 * block and interpolated bilinearly between block centres.
 */
function darknessAgainst(grey: Grey, reference: Float32Array, bx: number, by: number, block: number): Float32Array {
  const { data, width, height } = grey;
  const contrast = new Float32Array(width * height);
  const col0 = new Int32Array(width);
  const col1 = new Int32Array(width);
  const colT = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const fx = Math.min(bx - 1, Math.max(0, (x + 0.5) / block - 0.5));
    col0[x] = Math.floor(fx);
    col1[x] = Math.min(bx - 1, col0[x]! + 1);
    colT[x] = fx - col0[x]!;
  }
  const top = new Float32Array(bx);
  for (let y = 0; y < height; y++) {
    const fy = Math.min(by - 1, Math.max(0, (y + 0.5) / block - 0.5));
    const j0 = Math.floor(fy);
    const j1 = Math.min(by - 1, j0 + 1);
    const ty = fy - j0;
    for (let i = 0; i < bx; i++) top[i] = reference[j0 * bx + i]! * (1 - ty) + reference[j1 * bx + i]! * ty;
    for (let x = 0, o = y * width; x < width; x++, o++) {
      const t = colT[x]!;
      const bg = top[col0[x]!]! * (1 - t) + top[col1[x]!]! * t;
      contrast[o] = 1 - data[o]! / Math.max(1, bg);
    }
  }
  return contrast;
}

/**
 * Looks for the calibration card on a half-size copy: its frame is printed black beside white
 * paper, so it is far darker than the brightest thing near it (the paper), which skin and dots
 * around it are not compared with.
 */
function findCard(grey: Grey): FoundCard | null {
  const { data, width, height } = grey;
  const w = width >> 1;
  const h = height >> 1;
  const small = new Uint8Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const o = 2 * y * width + 2 * x;
      small[y * w + x] = (data[o]! + data[o + 1]! + data[o + width]! + data[o + width + 1]! + 2) >> 2;
    }
  const half: Grey = { data: small, width: w, height: h };
  const block = 32;
  const { values, bx, by } = blockQuantiles(half, block, 0.9);
  const bright = filterBlocks(values, bx, by, "max");
  const contrast = darknessAgainst(half, bright, bx, by, block);
  const mask = new Uint8Array(w * h);
  for (let i = 0; i < mask.length; i++) mask[i] = contrast[i]! > 0.7 ? 1 : 0;
  const { labels, stats } = components(mask, contrast, w, h);
  let card: FoundCard | null = null;
  stats.forEach((s, index) => {
    if (s.area < 300) return;
    const found = asCard(s, index + 1, labels, w);
    if (found && (!card || found.box.width > card.box.width)) card = found;
  });
  if (!card) return null;
  const { pxPerMm, box, holeRatio } = card as FoundCard;
  return { pxPerMm: pxPerMm * 2, box: { x: box.x * 2, y: box.y * 2, width: box.width * 2, height: box.height * 2 }, holeRatio };
}

/**
 * Darkness against the skin's local brightness (1 − pixel / skin): the skin is the median of each
 * block, then the median of each block's 3 × 3 neighbourhood (so a block filled by a blow-out
 * takes its neighbours'); blocks under the card's paper take the skin around them.
 */
function darkness(grey: Grey, block: number, excluded: readonly Rect[]): Float32Array {
  const { values, bx, by } = blockQuantiles(grey, block, 0.5);
  for (const r of excluded)
    for (let j = Math.max(0, Math.floor(r.y / block)); j < Math.min(by, Math.ceil((r.y + r.height) / block)); j++)
      for (let i = Math.max(0, Math.floor(r.x / block)); i < Math.min(bx, Math.ceil((r.x + r.width) / block)); i++) values[j * bx + i] = NaN;
  const smooth = filterBlocks(values, bx, by, "median");
  fillBlocks(smooth, bx, by);
  for (let i = 0; i < smooth.length; i++) if (Number.isNaN(smooth[i]!)) smooth[i] = 128;
  return darknessAgainst(grey, smooth, bx, by, block);
}

type Component = {
  area: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  sx: number;
  sy: number;
  sxx: number;
  syy: number;
  sxy: number;
  peak: number;
};

/** Labels 8-connected pixels of a mask (two passes with union–find); returns labels (0 = none) and per-label stats. */
function components(mask: Uint8Array, contrast: Float32Array, width: number, height: number): { labels: Int32Array; stats: Component[] } {
  const labels = new Int32Array(width * height);
  const parent: number[] = [0];
  const find = (a: number): number => {
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  for (let y = 0; y < height; y++)
    for (let x = 0, o = y * width; x < width; x++, o++) {
      if (!mask[o]) continue;
      let label = 0;
      const left = x > 0 ? labels[o - 1]! : 0;
      const upLeft = y > 0 && x > 0 ? labels[o - width - 1]! : 0;
      const up = y > 0 ? labels[o - width]! : 0;
      const upRight = y > 0 && x < width - 1 ? labels[o - width + 1]! : 0;
      if (left) label = left;
      if (upLeft) {
        if (!label) label = upLeft;
        else if (upLeft !== label) union(label, upLeft);
      }
      if (up) {
        if (!label) label = up;
        else if (up !== label) union(label, up);
      }
      if (upRight) {
        if (!label) label = upRight;
        else if (upRight !== label) union(label, upRight);
      }
      if (!label) {
        label = parent.length;
        parent.push(label);
      }
      labels[o] = label;
    }
  const compact = new Int32Array(parent.length);
  const stats: Component[] = [];
  for (let l = 1; l < parent.length; l++) {
    const root = find(l);
    if (root === l) {
      stats.push({ area: 0, minX: width, minY: height, maxX: -1, maxY: -1, sx: 0, sy: 0, sxx: 0, syy: 0, sxy: 0, peak: 0 });
      compact[l] = stats.length;
    } else compact[l] = compact[root]!;
  }
  for (let y = 0; y < height; y++)
    for (let x = 0, o = y * width; x < width; x++, o++) {
      if (!labels[o]) continue;
      const l = compact[labels[o]!]!;
      labels[o] = l;
      const s = stats[l - 1]!;
      s.area++;
      if (x < s.minX) s.minX = x;
      if (x > s.maxX) s.maxX = x;
      if (y < s.minY) s.minY = y;
      if (y > s.maxY) s.maxY = y;
      s.sx += x;
      s.sy += y;
      s.sxx += x * x;
      s.syy += y * y;
      s.sxy += x * y;
      if (contrast[o]! > s.peak) s.peak = contrast[o]!;
    }
  return { labels, stats };
}

/** Eigenvalues of a component's pixel covariance, largest first, and the major axis's angle. */
function moments(s: Component): { major: number; minor: number; angle: number } {
  const mx = s.sx / s.area;
  const my = s.sy / s.area;
  const cxx = s.sxx / s.area - mx * mx + 1 / 12;
  const cyy = s.syy / s.area - my * my + 1 / 12;
  const cxy = s.sxy / s.area - mx * my;
  const mean = (cxx + cyy) / 2;
  const spread = Math.sqrt(((cxx - cyy) / 2) ** 2 + cxy * cxy);
  return { major: mean + spread, minor: Math.max(1e-6, mean - spread), angle: 0.5 * Math.atan2(2 * cxy, cxx - cyy) };
}

/**
 * Whether a component is the calibration card's frame: a square ring (bounding box nearly
 * square, ring and hole filling it) whose hole is the frame's inner width over its outer.
 * Returns the scale from its area, which blur and slight perspective barely change.
 */
export function asCard(s: Component, label: number, labels: Int32Array, width: number): FoundCard | null {
  const w = s.maxX - s.minX + 1;
  const h = s.maxY - s.minY + 1;
  if (w < 24 || h < 24 || w / h < 0.8 || w / h > 1.25) return null;
  // Flood the bounding box's outside from its border; what is neither ring nor outside is the hole.
  const outside = new Uint8Array(w * h);
  const stack: number[] = [];
  const push = (x: number, y: number) => {
    const i = y * w + x;
    if (outside[i] || labels[(s.minY + y) * width + s.minX + x] === label) return;
    outside[i] = 1;
    stack.push(i);
  };
  for (let x = 0; x < w; x++) {
    push(x, 0);
    push(x, h - 1);
  }
  for (let y = 0; y < h; y++) {
    push(0, y);
    push(w - 1, y);
  }
  while (stack.length) {
    const i = stack.pop()!;
    const x = i % w;
    const y = (i - x) / w;
    if (x > 0) push(x - 1, y);
    if (x < w - 1) push(x + 1, y);
    if (y > 0) push(x, y - 1);
    if (y < h - 1) push(x, y + 1);
  }
  let outsideCount = 0;
  for (const v of outside) outsideCount += v;
  const hole = w * h - outsideCount - s.area;
  if (hole <= 0) return null;
  const outer = Math.sqrt(s.area + hole);
  const holeRatio = Math.sqrt(hole) / outer;
  const expected = (CALIBRATION_CARD.outerMm - 2 * CALIBRATION_CARD.borderMm) / CALIBRATION_CARD.outerMm;
  if (Math.abs(holeRatio - expected) > 0.07) return null;
  if ((s.area + hole) / (w * h) < 0.85) return null;
  return { pxPerMm: outer / CALIBRATION_CARD.outerMm, box: { x: s.minX, y: s.minY, width: w, height: h }, holeRatio };
}

function percentile(values: ArrayLike<number>, p: number): number {
  if (values.length === 0) return NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(p * (sorted.length - 1))))]!;
}

/**
 * Finds the dots (and the calibration card, if it is in frame) in a greyscale photo: darkness is
 * measured against the skin's local brightness, so uneven light and skin tone do not matter;
 * dots are the connected regions darker than half the ink's contrast; each dot's size comes from
 * its integrated darkness. Returns `ok: false` with a reason a person can act on when the photo
 * cannot be measured.
 */
export function detectDots(grey: Grey): Detection {
  const { width, height } = grey;
  if (width < 64 || height < 64) return { ok: false, reason: "The photo is too small to measure.", card: null };
  const card = findCard(grey);
  const excluded: Rect[] = [];
  if (card) {
    // The card's white paper and a little beyond it: no skin there to compare with.
    const pad = CALIBRATION_CARD.paperMarginMm * card.pxPerMm * 1.15 + 4;
    excluded.push({ x: card.box.x - pad, y: card.box.y - pad, width: card.box.width + 2 * pad, height: card.box.height + 2 * pad });
  }
  const contrast = darkness(grey, DETECTION.blockPx, excluded);

  // A first guess at the ink's contrast: the upper quartile of the pixels clearly darker than skin.
  const step = Math.max(1, Math.floor(contrast.length / 100_000));
  const tail: number[] = [];
  for (let i = 0; i < contrast.length; i += step) {
    if (!(contrast[i]! > 0.1)) continue;
    const x = i % width;
    const y = (i - x) / width;
    if (!excluded.some((r) => x >= r.x && y >= r.y && x < r.x + r.width && y < r.y + r.height)) tail.push(contrast[i]!);
  }
  const roughInk = tail.length >= 30 ? percentile(tail, 0.75) : 0;
  if (!(roughInk > 0.15)) return { ok: false, reason: "Nothing on the skin is dark enough to be a dot: is this a photo of the practice work?", card };

  const mask = new Uint8Array(width * height);
  const threshold = roughInk / 2;
  for (let i = 0; i < contrast.length; i++) mask[i] = contrast[i]! > threshold ? 1 : 0;
  const { labels, stats } = components(mask, contrast, width, height);

  const isExcluded = (x: number, y: number) => excluded.some((r) => x >= r.x && y >= r.y && x < r.x + r.width && y < r.y + r.height);

  const candidates: number[] = [];
  for (let l = 1; l <= stats.length; l++) {
    const s = stats[l - 1]!;
    if (s.area < 4) continue;
    const cx = s.sx / s.area;
    const cy = s.sy / s.area;
    if (isExcluded(cx, cy)) continue;
    // Touching the photo's edge: only part of the mark is in frame.
    if (s.minX === 0 || s.minY === 0 || s.maxX === width - 1 || s.maxY === height - 1) continue;
    candidates.push(l);
  }
  if (candidates.length < DETECTION.minDots)
    return { ok: false, reason: `Only ${candidates.length} dots were found; at least ${DETECTION.minDots} are needed to measure the work.`, card };

  // The ink's own contrast, from the cores of the larger marks (small ones are softened by blur).
  const byArea = [...candidates].sort((a, b) => stats[b - 1]!.area - stats[a - 1]!.area);
  const large = byArea.slice(0, Math.max(5, Math.floor(byArea.length / 4)));
  // A core is the mark's pixels within 80% of its darkest: their mean is not lifted by noise as a single darkest pixel is.
  const cores = large.map((l) => {
    const s = stats[l - 1]!;
    let sum = 0;
    let n = 0;
    for (let y = s.minY; y <= s.maxY; y++)
      for (let x = s.minX, o = y * width + x; x <= s.maxX; x++, o++)
        if (labels[o] === l && contrast[o]! >= s.peak * 0.8) {
          sum += contrast[o]!;
          n++;
        }
    return sum / Math.max(1, n);
  });
  const inkContrast = percentile(cores, 0.5);

  const dots: FoundDot[] = [];
  const shapes: Array<ReturnType<typeof moments>> = [];
  const margin = 2;
  for (const l of candidates) {
    const s = stats[l - 1]!;
    if (s.peak < inkContrast * 0.5) continue;
    let ink = 0;
    let weight = 0;
    let sx = 0;
    let sy = 0;
    const x0 = Math.max(0, s.minX - margin);
    const y0 = Math.max(0, s.minY - margin);
    const x1 = Math.min(width - 1, s.maxX + margin);
    const y1 = Math.min(height - 1, s.maxY + margin);
    for (let y = y0; y <= y1; y++)
      for (let x = x0, o = y * width + x; x <= x1; x++, o++) {
        const owner = labels[o]!;
        if (owner !== 0 && owner !== l) continue;
        const c = contrast[o]!;
        // Skin noise averages out over the box; the centre is weighted by darkness alone.
        ink += c;
        if (c > 0) {
          weight += c;
          sx += c * x;
          sy += c * y;
        }
      }
    const areaPx = Math.max(s.area * 0.25, ink / inkContrast);
    const m = moments(s);
    shapes.push(m);
    dots.push({
      x: weight > 0 ? sx / weight : s.sx / s.area,
      y: weight > 0 ? sy / weight : s.sy / s.area,
      areaPx,
      diameterPx: 2 * Math.sqrt(areaPx / Math.PI),
      elongation: Math.sqrt(m.major / m.minor),
      kind: "dot",
      multiplicity: 1,
      centres: [],
      box: { x: s.minX, y: s.minY, width: s.maxX - s.minX + 1, height: s.maxY - s.minY + 1 },
    });
  }
  if (dots.length < DETECTION.minDots)
    return { ok: false, reason: `Only ${dots.length} dots were found; at least ${DETECTION.minDots} are needed to measure the work.`, card };

  const medianArea = percentile(
    dots.map((d) => d.areaPx),
    0.5,
  );
  const singleRadius = Math.sqrt(medianArea / Math.PI);
  dots.forEach((dot, index) => {
    const m = shapes[index]!;
    const ratio = dot.areaPx / medianArea;
    if (ratio >= DETECTION.mergedArea && dot.elongation >= DETECTION.mergedElongation) {
      dot.kind = "merged";
      dot.multiplicity = Math.max(2, Math.round(ratio));
      // Two equal discs a distance δ apart have a variance along their axis of about r²/4 + (δ/2)².
      const half = Math.sqrt(Math.max(0, m.major - (singleRadius * singleRadius) / 4));
      const ux = Math.cos(m.angle);
      const uy = Math.sin(m.angle);
      if (dot.multiplicity === 2)
        dot.centres = [
          { x: dot.x - ux * half, y: dot.y - uy * half },
          { x: dot.x + ux * half, y: dot.y + uy * half },
        ];
      else
        dot.centres = Array.from({ length: dot.multiplicity }, (_, k) => ({
          x: dot.x + ux * half * ((2 * k) / (dot.multiplicity - 1) - 1),
          y: dot.y + uy * half * ((2 * k) / (dot.multiplicity - 1) - 1),
        }));
    } else {
      if (ratio >= DETECTION.blowoutArea) dot.kind = "blowout";
      dot.centres = [{ x: dot.x, y: dot.y }];
    }
  });
  return { ok: true, dots, card, inkContrast, excluded };
}
