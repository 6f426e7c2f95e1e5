// Pixel-aligned rects of one colour, batched for software rendering (Chromium without a GPU): each
// fillRect costs the rasteriser about a microsecond or more of set-up, while a rect one or two pixels
// thin is the same pixels as one or two hairlines (strokes of width 1, which Skia draws with its
// hairline blitter), and any number of hairlines in one path are one stroke. The chart draws
// thousands of such rects per frame (candle wicks, volume bars and line columns when many bars share
// a pixel column: lod.ts). Integer coordinates in canvas pixels; thicker rects are filled as usual.

/** Longest side drawn as hairlines (a rect this thin or thinner is that many hairlines). */
const THIN = 2;

export class RectBatch {
  #ctx: CanvasRenderingContext2D;
  #path: Path2D | null = null;
  readonly color: string;

  constructor(ctx: CanvasRenderingContext2D, color: string) {
    this.#ctx = ctx;
    this.color = color;
  }

  /** A rect at integer canvas px (x, y) of w × h px. */
  rect(x: number, y: number, w: number, h: number): void {
    if (w <= 0 || h <= 0) return;
    if (w <= THIN) {
      const p = (this.#path ??= new Path2D());
      for (let i = 0; i < w; i++) { p.moveTo(x + i + 0.5, y); p.lineTo(x + i + 0.5, y + h); }
    } else if (h <= THIN) {
      const p = (this.#path ??= new Path2D());
      for (let i = 0; i < h; i++) { p.moveTo(x, y + i + 0.5); p.lineTo(x + w, y + i + 0.5); }
    } else {
      this.#ctx.fillStyle = this.color;
      this.#ctx.fillRect(x, y, w, h);
    }
  }

  /** Strokes the hairlines gathered (solid, width 1); the batch can be reused after. */
  flush(): void {
    if (!this.#path) return;
    const ctx = this.#ctx;
    ctx.strokeStyle = this.color;
    ctx.lineWidth = 1;
    ctx.lineCap = 'butt';
    ctx.setLineDash([]);
    ctx.stroke(this.#path);
    this.#path = null;
  }
}

/** Batches by colour (a line whose colour changes along it); `flush` draws them all. */
export class RectBatches {
  #ctx: CanvasRenderingContext2D;
  #byColor = new Map<string, RectBatch>();

  constructor(ctx: CanvasRenderingContext2D) {
    this.#ctx = ctx;
  }

  of(color: string): RectBatch {
    let b = this.#byColor.get(color);
    if (!b) { b = new RectBatch(this.#ctx, color); this.#byColor.set(color, b); }
    return b;
  }

  flush(): void {
    for (const b of this.#byColor.values()) b.flush();
  }
}
