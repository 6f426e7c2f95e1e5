// Numbers in rejection reasons, written the way SPEC writes them: "−4,200", "5 %".
const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Money with thousands separators, up to cents, and a real minus sign. */
export const money = (x: number): string => fmt.format(x + 0).replace('-', '−'); // + 0 turns −0 into 0

/** A fraction as a percentage: 0.05 → "5 %", 0.015 → "1.5 %". */
export const pct = (f: number): string => `${money(f * 100)} %`;
