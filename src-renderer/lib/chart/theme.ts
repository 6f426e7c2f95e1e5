// Chart colours (the dark theme's; the CSS variables in App.svelte match).
export const THEME = {
  bg: '#0d1117',
  grid: 'rgba(139, 148, 158, 0.10)',
  axis: '#8b949e',
  up: '#26a69a',
  down: '#ef5350',
  upVol: 'rgba(38, 166, 154, 0.35)',
  downVol: 'rgba(239, 83, 80, 0.35)',
  cursor: 'rgba(201, 209, 217, 0.45)',
  font: '11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
} as const;

/** Share of the plot height the volume histogram may use (at the bottom). */
export const VOLUME_SHARE = 0.2;

/** Indicator colours (distinct from the candle colours, which the E2E tests count). */
export const IND = {
  rising: '#56d364',
  falling: '#ff7b72',
  lvn: '#e3b341',
  poc: '#a371f7',
  bullZone: 'rgba(86, 211, 100, 0.13)',
  bullEdge: 'rgba(86, 211, 100, 0.45)',
  bearZone: 'rgba(255, 123, 114, 0.13)',
  bearEdge: 'rgba(255, 123, 114, 0.45)',
  mlmi: '#58a6ff',
  mlmiMa: '#f0883e',
  mmd: '#d2a8ff',
  mmdParts: ['#8b949e', '#3fb950', '#f85149', '#db6d28', '#79c0ff', '#e3b341', '#bc8cff'],
  zero: 'rgba(139, 148, 158, 0.45)',
} as const;
