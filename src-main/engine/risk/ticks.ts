// Tick arithmetic for stops and targets. Prices are divided into ticks once and rounded there, so a
// distance that is a whole number of ticks stays whole: 2·0.035/0.01 is 7.000000000000001 in floats,
// and a plain Math.ceil would put the stop one tick too far.

/** Float noise allowed when deciding that a tick count is whole (relative to its size). */
const EPS = 1e-9;

/** x as an integer when it is one up to float noise, else null. */
function wholeOrNull(x: number): number | null {
  const r = Math.round(x);
  return Math.abs(x - r) <= EPS * Math.max(1, Math.abs(x)) ? r : null;
}

/** Round down, treating 8.999999999999998 as 9 (tick counts, and sizes: 1000/250 must give 4). */
export const floorWhole = (x: number): number => wholeOrNull(x) ?? Math.floor(x);
/** Round up, treating 7.000000000000001 as 7. */
export const ceilWhole = (x: number): number => wholeOrNull(x) ?? Math.ceil(x);
/** A price in ticks, snapped to a whole tick when it is one up to noise (71.37/0.01 → 7137). */
export const toTicks = (price: number, tick: number): number => wholeOrNull(price / tick) ?? price / tick;

/**
 * ticks·tick as the decimal a person would write (19503·0.1 is 1950.3000000000002 in floats).
 * Fifteen significant digits are exact for every price a double can hold to the tick, and the product's
 * own error is far below that, so rounding there recovers the decimal.
 */
export const fromTicks = (ticks: number, tick: number): number => decimal(ticks * tick);

/** A product of decimals (price·point value, equity·fraction) without its float tail. */
export const decimal = (x: number): number => Number(x.toPrecision(15));
