// One bar's indicator values, by column name (the columns of the `indicators` CLI; null = not ready).
// Computed by the engine's indicator stages, stored per bar by src-main/store/indicator-values.ts.
export type IndicatorRow = Record<string, number | null>;
