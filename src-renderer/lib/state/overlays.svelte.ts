// Which indicator overlays and sub-panels are shown; kept in localStorage across sessions.
export const OVERLAYS = [
  { key: 'nwrqk', label: 'NW-RQK', hotkey: 'N', title: 'Nadaraya–Watson (RQ kernel) line on price, green rising / red falling' },
  { key: 'fvg', label: 'FVG', hotkey: 'F', title: 'Fair value gaps: green bullish / red bearish zones until they end' },
  { key: 'lvn', label: 'LVN', hotkey: 'L', title: 'Nearest low-volume node (amber dashes) and the volume POC (purple dots)' },
  { key: 'mlmi', label: 'MLMI', hotkey: 'M', title: 'MLMI panel: kNN market index and its WMA' },
  { key: 'mmd', label: 'MMD', hotkey: 'D', title: 'MMD panel: mean regime score and the seven archetype scores' },
] as const;
export type OverlayKey = (typeof OVERLAYS)[number]['key'];

const STORAGE_KEY = 'algospace.overlays';
const DEFAULTS: Record<OverlayKey, boolean> = { nwrqk: true, fvg: true, lvn: true, mlmi: true, mmd: false };

function loadSaved(): Record<OverlayKey, boolean> {
  const out = { ...DEFAULTS };
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (raw && typeof raw === 'object') {
      for (const k of Object.keys(out) as OverlayKey[]) {
        const v = (raw as Record<string, unknown>)[k];
        if (typeof v === 'boolean') out[k] = v;
      }
    }
  } catch { /* no storage or bad JSON: defaults */ }
  return out;
}

export class Overlays {
  on = $state<Record<OverlayKey, boolean>>(loadSaved());

  toggle(key: OverlayKey): void {
    this.on[key] = !this.on[key];
    try { localStorage.setItem(STORAGE_KEY, JSON.stringify(this.on)); } catch { /* storage full or blocked */ }
  }

  /** The overlay whose hotkey is `key` (case-insensitive), if any. */
  static byHotkey(key: string): OverlayKey | null {
    return OVERLAYS.find((o) => o.hotkey === key.toUpperCase())?.key ?? null;
  }
}
