/**
 * The printable calibration card the practicals ask for beside the work: a black square frame of
 * known size on white paper. The analysis finds it by its shape (a square ring whose hole is
 * two-thirds of its width) and takes the photo's scale from its area.
 */
export const CALIBRATION_CARD = {
  /** Outside edge of the black frame. */
  outerMm: 12,
  /** Width of the black frame; the white square inside is outerMm − 2·borderMm across. */
  borderMm: 2,
  /** White paper left around the frame when the card is cut out. */
  paperMarginMm: 3,
} as const;
