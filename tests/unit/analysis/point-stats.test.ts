import { describe, expect, it } from "vitest";
import {
  boundingRect,
  clarkEvans,
  densityGradient,
  detectGrid,
  emptyPatches,
  nearestNeighbourDistances,
  quantileSorted,
  summarise,
  workingArea,
  type Point,
} from "~/modules/analysis/point-stats";
import { mulberry32 } from "~/modules/demo/practice-photos.server";

function lattice(cols: number, rows: number, step: number, angleDeg = 0): Point[] {
  const a = (angleDeg * Math.PI) / 180;
  const points: Point[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const x = (c + 0.5) * step;
      const y = (r + 0.5) * step;
      points.push({ x: x * Math.cos(a) - y * Math.sin(a), y: x * Math.sin(a) + y * Math.cos(a) });
    }
  return points;
}

function hexagonal(cols: number, rows: number, step: number): Point[] {
  const points: Point[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) points.push({ x: (c + (r % 2) / 2) * step, y: ((r * Math.sqrt(3)) / 2) * step });
  return points;
}

function uniform(n: number, size: number, seed: number): Point[] {
  const random = mulberry32(seed);
  return Array.from({ length: n }, () => ({ x: random() * size, y: random() * size }));
}

const square = (size: number) => ({ x: 0, y: 0, width: size, height: size });

describe("summaries", () => {
  it("gives the hand-worked median, quartiles and coefficient of variation", () => {
    // 1,2,3,4: quartiles by Hyndman–Fan type 7 are 1.75 and 3.25; sd = √(5/3).
    const s = summarise([4, 1, 3, 2])!;
    expect(s.median).toBe(2.5);
    expect(s.q1).toBe(1.75);
    expect(s.q3).toBe(3.25);
    expect(s.iqr).toBe(1.5);
    expect(s.mean).toBe(2.5);
    expect(s.sd).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(s.cv).toBeCloseTo(Math.sqrt(5 / 3) / 2.5, 12);
    expect(s.min).toBe(1);
    expect(s.max).toBe(4);
  });

  it("handles one value and none", () => {
    expect(summarise([])).toBeNull();
    expect(summarise([7])).toMatchObject({ n: 1, median: 7, sd: 0, cv: 0, iqr: 0 });
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
});

describe("nearest neighbours", () => {
  it("finds the lattice step on a square lattice and the true nearest in a small hand case", () => {
    expect(new Set(nearestNeighbourDistances(lattice(7, 5, 2)))).toEqual(new Set([2]));
    // (0,0)–(3,4) is 5; (3,4)–(3,5) is 1; (10,10) is nearest (3,5) at √74.
    const d = nearestNeighbourDistances([
      { x: 0, y: 0 },
      { x: 3, y: 4 },
      { x: 3, y: 5 },
      { x: 10, y: 10 },
    ]);
    expect(d[0]).toBe(5);
    expect(d[1]).toBe(1);
    expect(d[2]).toBe(1);
    expect(d[3]).toBeCloseTo(Math.sqrt(74), 12);
  });

  it("agrees with brute force on a random pattern", () => {
    const points = uniform(400, 50, 7);
    const brute = points.map((p, i) => Math.min(...points.filter((_, j) => j !== i).map((q) => Math.hypot(q.x - p.x, q.y - p.y))));
    expect(nearestNeighbourDistances(points)).toEqual(brute);
  });

  it("has nothing to say about fewer than two points", () => {
    expect(nearestNeighbourDistances([{ x: 1, y: 1 }])).toEqual([]);
    expect(boundingRect([])).toEqual({ x: 0, y: 0, width: 0, height: 0 });
  });
});

describe("Clark–Evans index with Donnelly's edge correction", () => {
  it("matches the hand-worked figure for a 10 × 10 square lattice", () => {
    // n = 100 in a 10 × 10 plot, P = 40, mean NN = 1:
    // E = 0.5·√(100/100) + (0.0514 + 0.041/10)·40/100 = 0.5 + 0.0555·0.4 = 0.5222.
    const ce = clarkEvans(lattice(10, 10, 1), square(10))!;
    expect(ce.observedMean).toBe(1);
    expect(ce.expectedMean).toBeCloseTo(0.5222, 10);
    expect(ce.index).toBeCloseTo(1 / 0.5222, 10);
    expect(ce.z).toBeGreaterThan(10);
  });

  it("is about 1 for random patterns on average, where the uncorrected index is biased upwards", () => {
    let corrected = 0;
    let uncorrected = 0;
    const trials = 60;
    for (let seed = 1; seed <= trials; seed++) {
      const points = uniform(60, 30, seed);
      const ce = clarkEvans(points, square(30))!;
      corrected += ce.index;
      // Clark & Evans' own expectation, 0.5/√density, ignores the plot's edge.
      uncorrected += ce.observedMean / (0.5 / Math.sqrt(60 / 900));
    }
    expect(corrected / trials).toBeGreaterThan(0.97);
    expect(corrected / trials).toBeLessThan(1.03);
    expect(uncorrected / trials).toBeGreaterThan(1.04);
  });

  it("falls well below 1 for clusters and rises towards 2.15 for a hexagonal lattice", () => {
    const random = mulberry32(3);
    const clustered: Point[] = [];
    for (let c = 0; c < 20; c++) {
      const cx = 3 + random() * 44;
      const cy = 3 + random() * 44;
      for (let k = 0; k < 10; k++) clustered.push({ x: cx + (random() - 0.5) * 2, y: cy + (random() - 0.5) * 2 });
    }
    expect(clarkEvans(clustered, square(50))!.index).toBeLessThan(0.6);
    const hex = hexagonal(30, 30, 1);
    expect(clarkEvans(hex, workingArea(hex))!.index).toBeGreaterThan(1.9);
  });

  it("refuses fewer than three points or an empty area", () => {
    expect(clarkEvans(lattice(1, 2, 1), square(5))).toBeNull();
    expect(clarkEvans(lattice(3, 3, 1), square(0))).toBeNull();
  });
});

describe("grid detection", () => {
  it("recognises square and hexagonal lattices at any angle, with their direction", () => {
    const tilted = detectGrid(lattice(15, 15, 1, 30));
    expect(tilted.isGrid).toBe(true);
    expect(tilted.angleDeg).toBeCloseTo(30, 6);
    expect(detectGrid(hexagonal(15, 15, 1)).isGrid).toBe(true);
  });

  it("recognises a lattice whose dots wander by a tenth of the step", () => {
    const random = mulberry32(11);
    const jittered = lattice(20, 20, 1).map((p) => ({ x: p.x + (random() - 0.5) * 0.2, y: p.y + (random() - 0.5) * 0.2 }));
    expect(detectGrid(jittered).isGrid).toBe(true);
  });

  it("recognises straight rows of irregularly spaced dots", () => {
    const random = mulberry32(5);
    const rows: Point[] = [];
    for (let r = 0; r < 6; r++) for (let x = 0; x < 30; x += 0.8 + random() * 0.4) rows.push({ x, y: r * 5 });
    const verdict = detectGrid(rows);
    expect(verdict.isGrid).toBe(true);
    expect(verdict.order.rows).toBeGreaterThan(0.8);
  });

  it("never calls a random pattern a grid", () => {
    for (let seed = 1; seed <= 20; seed++) expect(detectGrid(uniform(300, 40, seed)).isGrid).toBe(false);
  });
});

describe("density gradient and empty patches", () => {
  it("counts dots per cm² in bands from the front edge", () => {
    // A 10 × 20 mm area: 20 dots in the first 10 mm (1 cm²), 5 in the next.
    const points = [...lattice(5, 4, 2).map((p) => ({ x: p.x, y: p.y * 1.25 })), ...lattice(5, 1, 2).map((p) => ({ x: p.x, y: 15 }))];
    const bands = densityGradient(points, { x: 0, y: 0, width: 10, height: 20 }, 10);
    expect(bands).toEqual([
      { fromMm: 0, toMm: 10, count: 20, perCm2: 20 },
      { fromMm: 10, toMm: 20, count: 5, perCm2: 5 },
    ]);
  });

  it("finds a hole in a lattice and nothing in a full one", () => {
    const full = lattice(20, 20, 1);
    expect(emptyPatches(full, square(20), 2)).toEqual([]);
    const holed = full.filter((p) => !(p.x > 6 && p.x < 12 && p.y > 4 && p.y < 8));
    const patches = emptyPatches(holed, square(20), 2);
    expect(patches).toHaveLength(1);
    expect(patches[0]).toEqual({ x: 6, y: 4, width: 6, height: 4, areaMm2: 24 });
  });
});
