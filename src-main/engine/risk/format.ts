// Numbers in rejection reasons, written the way SPEC writes them: "−4,200", "5 %".
// money() is en-US Intl.NumberFormat with at most two decimals, written out by hand: a rejection is
// built inside the bar close → decision commit, where Intl's formatting cost a rejected decision a
// fifth of its risk step (measured in the bench's latency run). The unit test holds it to Intl's output.

let intl: Intl.NumberFormat | null = null;
/** Intl for what the hand path does not cover (non-finite, beyond whole cents in a double) */
const viaIntl = (x: number): string => (intl ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })).format(x);

/** Money with thousands separators, up to cents, and a real minus sign. */
export function money(x: number): string {
  x += 0; // −0 → 0
  const a = Math.abs(x);
  if (!(a < 1e13)) return viaIntl(x).replace('-', '−');
  // Rounded half away from zero on the shortest decimal that stands for the number (1.005 → 1.01),
  // which is what Intl rounds: String() gives that decimal, so the rounding is on its digits.
  const str = String(a);
  if (str.includes('e')) return x < 0 ? '−0' : '0'; // below 1e-6 (1e13 and up went to Intl)
  const dot = str.indexOf('.');
  const dec = dot < 0 ? '' : str.slice(dot + 1);
  let cents = Number(dot < 0 ? str : str.slice(0, dot)) * 100 + Number(`${dec}00`.slice(0, 2));
  if (dec.length > 2 && dec.charCodeAt(2) >= 53) cents += 1; // third decimal ≥ '5'
  const whole = String(Math.floor(cents / 100));
  const frac = cents % 100;
  let out = '';
  for (let i = 0; i < whole.length; i++) {
    if (i > 0 && (whole.length - i) % 3 === 0) out += ',';
    out += whole[i];
  }
  if (frac !== 0) out += frac % 10 === 0 ? `.${frac / 10}` : `.${frac < 10 ? '0' : ''}${frac}`;
  return x < 0 ? `−${out}` : out;
}

/** A fraction as a percentage: 0.05 → "5 %", 0.015 → "1.5 %". */
export const pct = (f: number): string => `${money(f * 100)} %`;

/** Money per unit of quantity, which for FX units is a fraction of a cent: four significant digits below 1. */
export const perUnit = (x: number): string => (Math.abs(x) >= 1 || x === 0 ? money(x) : String(Number(x.toPrecision(4))));
