// Statistics of a pattern of dots: pure functions over points in millimetres, no I/O.

/** A point in the plane (millimetres unless a caller says otherwise). */
export type Point = { x: number; y: number };

/** An axis-aligned rectangle: the working area the pattern is measured over. */
export type Rect = { x: number; y: number; width: number; height: number };

/** Median, quartiles, mean, spread and coefficient of variation of a sample. */
export type Summary = { n: number; mean: number; sd: number; cv: number; median: number; q1: number; q3: number; iqr: number; min: number; max: number };

/**
 * The p-quantile (0–1) of sorted values, by linear interpolation between order statistics
 * (Hyndman & Fan 1996, definition 7: the default of R and NumPy). NaN for an empty sample.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Summary of a sample; sd is the sample standard deviation (n − 1); null when the sample is empty. */
export function summarise(values: readonly number[]): Summary | null {
  const n = values.length;
  if (n === 0) return null;
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = sum / n;
  let ss = 0;
  for (const v of sorted) ss += (v - mean) ** 2;
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  return { n, mean, sd, cv: mean > 0 ? sd / mean : NaN, median: quantileSorted(sorted, 0.5), q1, q3, iqr: q3 - q1, min: sorted[0]!, max: sorted[n - 1]! };
}

/**
 * A uniform bucket grid over points, so that neighbour searches cost about O(1) per point
 * instead of O(n).
 */
class Buckets {
  readonly cell: number;
  readonly minX: number;
  readonly minY: number;
  readonly cols: number;
  readonly rows: number;
  readonly start: Int32Array;
  readonly items: Int32Array;

  constructor(
    readonly points: readonly Point[],
    cellSize: number,
  ) {
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    for (const p of points) {
      if (p.x < minX) minX = p.x;
      if (p.y < minY) minY = p.y;
      if (p.x > maxX) maxX = p.x;
      if (p.y > maxY) maxY = p.y;
    }
    const span = Math.max(maxX - minX, maxY - minY, 1e-9);
    // Never more than about 4 points' worth of cells per point, whatever the caller asked for.
    this.cell = Math.max(cellSize, span / Math.max(1, Math.ceil(Math.sqrt(points.length * 4))));
    this.minX = minX;
    this.minY = minY;
    this.cols = Math.floor((maxX - minX) / this.cell) + 1;
    this.rows = Math.floor((maxY - minY) / this.cell) + 1;
    const counts = new Int32Array(this.cols * this.rows + 1);
    const cellOf = new Int32Array(points.length);
    points.forEach((p, i) => {
      const c = this.cellIndex(p);
      cellOf[i] = c;
      counts[c + 1]!++;
    });
    for (let c = 1; c < counts.length; c++) counts[c]! += counts[c - 1]!;
    this.start = counts.slice();
    const fill = counts.slice();
    this.items = new Int32Array(points.length);
    for (let i = 0; i < points.length; i++) this.items[fill[cellOf[i]!]!++] = i;
  }

  private cellIndex(p: Point): number {
    const cx = Math.min(this.cols - 1, Math.floor((p.x - this.minX) / this.cell));
    const cy = Math.min(this.rows - 1, Math.floor((p.y - this.minY) / this.cell));
    return cy * this.cols + cx;
  }

  /** The k nearest other points of point i, nearest first, as [index, distance] pairs. */
  nearest(i: number, k: number): Array<[number, number]> {
    const p = this.points[i]!;
    const cx = Math.min(this.cols - 1, Math.floor((p.x - this.minX) / this.cell));
    const cy = Math.min(this.rows - 1, Math.floor((p.y - this.minY) / this.cell));
    const found: Array<[number, number]> = [];
    const maxRing = Math.max(this.cols, this.rows);
    for (let ring = 0; ring <= maxRing; ring++) {
      for (let y = cy - ring; y <= cy + ring; y++) {
        if (y < 0 || y >= this.rows) continue;
        const edgeRow = y === cy - ring || y === cy + ring;
        for (let x = cx - ring; x <= cx + ring; x += edgeRow ? 1 : 2 * ring || 1) {
          if (x < 0 || x >= this.cols) continue;
          const c = y * this.cols + x;
          for (let s = this.start[c]!; s < this.start[c + 1]!; s++) {
            const j = this.items[s]!;
            if (j === i) continue;
            const q = this.points[j]!;
            found.push([j, Math.hypot(q.x - p.x, q.y - p.y)]);
          }
        }
      }
      // Every point outside this ring is at least `ring * cell` away.
      if (found.length >= k) {
        found.sort((a, b) => a[1] - b[1]);
        if (found[k - 1]![1] <= ring * this.cell) return found.slice(0, k);
      }
    }
    found.sort((a, b) => a[1] - b[1]);
    return found.slice(0, k);
  }
}

function bucketsFor(points: readonly Point[]): Buckets {
  const area = boundingRect(points);
  const spacing = Math.sqrt((Math.max(area.width, 1e-9) * Math.max(area.height, 1e-9)) / Math.max(1, points.length));
  return new Buckets(points, spacing);
}

/** The distance from each point to its nearest other point (empty for fewer than two points). */
export function nearestNeighbourDistances(points: readonly Point[]): number[] {
  if (points.length < 2) return [];
  const buckets = bucketsFor(points);
  return points.map((_, i) => buckets.nearest(i, 1)[0]![1]);
}

/** The smallest rectangle holding every point (zero-sized for one point; NaN-free for none). */
export function boundingRect(points: readonly Point[]): Rect {
  if (points.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * The working area of a pattern: its bounding rectangle grown on every side by half the median
 * nearest-neighbour distance, so that the outermost dots sit as far from the edge as from their
 * neighbours. Detected and true patterns are measured over the area this gives for each.
 */
export function workingArea(points: readonly Point[]): Rect {
  const box = boundingRect(points);
  const nn = summarise(nearestNeighbourDistances(points));
  const pad = nn ? nn.median / 2 : 0;
  return { x: box.x - pad, y: box.y - pad, width: box.width + 2 * pad, height: box.height + 2 * pad };
}

export type ClarkEvans = {
  /** R = observed mean nearest-neighbour distance / expected under complete spatial randomness. */
  index: number;
  observedMean: number;
  expectedMean: number;
  /** Standard normal deviate of the difference, with Donnelly's variance. */
  z: number;
  n: number;
};

/**
 * The Clark–Evans aggregation index R (Clark & Evans 1954, Ecology 35:445–453) with Donnelly's
 * edge correction for a rectangular plot (Donnelly 1978, in Simulation Methods in Archaeology,
 * pp. 91–95, as given by Krebs, Ecological Methodology, ch. 6): for n points in area A with
 * perimeter P, the expected mean nearest-neighbour distance under complete spatial randomness is
 * E = 0.5·√(A/n) + (0.0514 + 0.041/√n)·P/n, with variance 0.0703·A/n² + 0.037·P·√(A/n⁵).
 * R ≈ 1 for a random pattern, above 1 towards a regular one (2.149 for a hexagonal lattice
 * without edges), below 1 for clusters. Null for fewer than three points or an empty area.
 */
export function clarkEvans(points: readonly Point[], area: Rect): ClarkEvans | null {
  const n = points.length;
  const A = area.width * area.height;
  if (n < 3 || !(A > 0)) return null;
  const P = 2 * (area.width + area.height);
  const distances = nearestNeighbourDistances(points);
  const observedMean = distances.reduce((s, d) => s + d, 0) / n;
  const expectedMean = 0.5 * Math.sqrt(A / n) + (0.0514 + 0.041 / Math.sqrt(n)) * (P / n);
  const variance = (0.0703 * A) / (n * n) + 0.037 * P * Math.sqrt(A / n ** 5);
  return { index: observedMean / expectedMean, observedMean, expectedMean, z: (observedMean - expectedMean) / Math.sqrt(variance), n };
}

export type GridVerdict = {
  /** True when the dots line up in rows or in a lattice: what the craft wants to avoid. */
  isGrid: boolean;
  /** Global bond-orientational order |⟨e^{imθ}⟩| for m = 2 (rows), 4 (square) and 6 (hexagonal). */
  order: { rows: number; square: number; hexagonal: number };
  /** The lattice's direction in degrees (0–180) when it is one, else null. */
  angleDeg: number | null;
};

/** Order above which a pattern counts as lined up; random patterns give about 1/√(bonds). */
export const GRID_ORDER_THRESHOLD = 0.45;

/**
 * Whether dots sit on a lattice or in rows, from the orientation of the bonds to their nearest
 * neighbours (the global bond-orientational order parameter ψ_m of condensed-matter physics,
 * Nelson & Halperin 1979, Phys. Rev. B 19:2457). On a square lattice the bonds to the four
 * nearest neighbours share one angle modulo 90°, so |⟨e^{4iθ}⟩| ≈ 1; a hexagonal lattice gives
 * |⟨e^{6iθ}⟩| ≈ 1 over six neighbours; dots in straight rows give |⟨e^{2iθ}⟩| ≈ 1 over the two
 * nearest; an isotropic random pattern gives about 0 for all three.
 */
export function detectGrid(points: readonly Point[]): GridVerdict {
  if (points.length < 9) return { isGrid: false, order: { rows: 0, square: 0, hexagonal: 0 }, angleDeg: null };
  const buckets = bucketsFor(points);
  const sums = { 2: [0, 0], 4: [0, 0], 6: [0, 0] } as Record<2 | 4 | 6, [number, number]>;
  const counts = { 2: 0, 4: 0, 6: 0 };
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const near = buckets.nearest(i, 6);
    near.forEach(([j], rank) => {
      const q = points[j]!;
      const theta = Math.atan2(q.y - p.y, q.x - p.x);
      for (const m of [2, 4, 6] as const) {
        if (rank >= m) continue;
        sums[m][0] += Math.cos(m * theta);
        sums[m][1] += Math.sin(m * theta);
        counts[m]++;
      }
    });
  }
  const magnitude = (m: 2 | 4 | 6) => Math.hypot(sums[m][0], sums[m][1]) / Math.max(1, counts[m]);
  const order = { rows: magnitude(2), square: magnitude(4), hexagonal: magnitude(6) };
  const best = (Object.entries({ 2: order.rows, 4: order.square, 6: order.hexagonal }) as Array<[string, number]>).reduce((a, b) => (b[1] > a[1] ? b : a));
  const isGrid = best[1] >= GRID_ORDER_THRESHOLD;
  const m = Number(best[0]) as 2 | 4 | 6;
  const angle = ((Math.atan2(sums[m][1], sums[m][0]) / m) * 180) / Math.PI;
  return { isGrid, order, angleDeg: isGrid ? (angle + 180) % (360 / m) : null };
}

/** One band of a density gradient: distances from the front edge in mm, density per cm². */
export type DensityBand = { fromMm: number; toMm: number; count: number; perCm2: number };

/**
 * Density as a function of distance from the front edge of the working area (its top side,
 * y = area.y, in the photo's orientation), in bands of `bandMm`. Density is dots per cm².
 */
export function densityGradient(points: readonly Point[], area: Rect, bandMm: number): DensityBand[] {
  if (!(bandMm > 0) || !(area.height > 0) || !(area.width > 0)) return [];
  const bands = Math.max(1, Math.ceil(area.height / bandMm - 1e-9));
  const counts = new Array<number>(bands).fill(0);
  for (const p of points) {
    const d = p.y - area.y;
    if (d < 0 || d > area.height) continue;
    counts[Math.min(bands - 1, Math.floor(d / bandMm))]!++;
  }
  return counts.map((count, b) => {
    const fromMm = b * bandMm;
    const toMm = Math.min(area.height, fromMm + bandMm);
    const areaCm2 = ((toMm - fromMm) * area.width) / 100;
    return { fromMm, toMm, count, perCm2: areaCm2 > 0 ? count / areaCm2 : 0 };
  });
}

/**
 * Empty patches: squares of side `cellMm` over the working area holding no dot, where the dots'
 * median spacing says there should be a few, joined into patches when they touch. Returns each
 * patch's bounding rectangle and area, largest first.
 */
export function emptyPatches(points: readonly Point[], area: Rect, cellMm: number): Array<Rect & { areaMm2: number }> {
  if (!(cellMm > 0)) return [];
  const cols = Math.floor(area.width / cellMm);
  const rows = Math.floor(area.height / cellMm);
  if (cols < 1 || rows < 1) return [];
  const x0 = area.x + (area.width - cols * cellMm) / 2;
  const y0 = area.y + (area.height - rows * cellMm) / 2;
  const filled = new Uint8Array(cols * rows);
  for (const p of points) {
    const cx = Math.floor((p.x - x0) / cellMm);
    const cy = Math.floor((p.y - y0) / cellMm);
    if (cx >= 0 && cy >= 0 && cx < cols && cy < rows) filled[cy * cols + cx] = 1;
  }
  const seen = new Uint8Array(cols * rows);
  const patches: Array<Rect & { areaMm2: number }> = [];
  for (let start = 0; start < filled.length; start++) {
    if (filled[start] || seen[start]) continue;
    const stack = [start];
    seen[start] = 1;
    let cells = 0,
      minX = cols,
      minY = rows,
      maxX = -1,
      maxY = -1;
    while (stack.length) {
      const c = stack.pop()!;
      const x = c % cols;
      const y = (c - x) / cols;
      cells++;
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
      for (const [nx, ny] of [
        [x - 1, y],
        [x + 1, y],
        [x, y - 1],
        [x, y + 1],
      ] as const) {
        if (nx < 0 || ny < 0 || nx >= cols || ny >= rows) continue;
        const nc = ny * cols + nx;
        if (!filled[nc] && !seen[nc]) {
          seen[nc] = 1;
          stack.push(nc);
        }
      }
    }
    patches.push({
      x: x0 + minX * cellMm,
      y: y0 + minY * cellMm,
      width: (maxX - minX + 1) * cellMm,
      height: (maxY - minY + 1) * cellMm,
      areaMm2: cells * cellMm * cellMm,
    });
  }
  return patches.sort((a, b) => b.areaMm2 - a.areaMm2);
}
