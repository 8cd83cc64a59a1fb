// Swatch geometry, in viewBox units: two panels side by side, each with a label below.
export const SWATCH_W = 140;
export const SWATCH_H = 96;
/** Space between the fresh and the healed panel. */
export const SWATCH_GAP = 20;

// A fixed scatter so server and client draw the same dots.
export const DOTS: readonly { x: number; y: number }[] = (() => {
  const dots: { x: number; y: number }[] = [];
  // Park–Miller generator: small enough products to stay exact in double precision.
  let seed = 20_811;
  const next = () => {
    seed = (seed * 16_807) % 2_147_483_647;
    return seed / 2_147_483_647;
  };
  for (let row = 0; row < 5; row += 1) {
    for (let col = 0; col < 7; col += 1) {
      dots.push({
        x: 12 + col * 19.5 + (next() - 0.5) * 9,
        y: 12 + row * 18 + (next() - 0.5) * 8,
      });
    }
  }
  return dots;
})();
