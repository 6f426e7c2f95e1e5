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
