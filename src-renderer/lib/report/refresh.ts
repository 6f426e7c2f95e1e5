// A refresh that trading news may ask for at any rate: it runs at most once per `gapMs` (measured
// from the start of the previous run), never while the previous run is still waiting for its answer,
// and asks made meanwhile fold into one more run afterwards.
export class ThrottledRefresh {
  readonly #run: () => Promise<void>;
  readonly #gapMs: number;
  readonly #now: () => number;
  #inFlight = false;
  #queued = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #lastStart = -Infinity;

  constructor(run: () => Promise<void>, gapMs = 2_000, now: () => number = Date.now) {
    this.#run = run;
    this.#gapMs = gapMs;
    this.#now = now;
  }

  get busy(): boolean { return this.#inFlight || this.#timer !== null; }

  request(): void {
    if (this.#timer) return; // a run is already due; it will see the latest state
    if (this.#inFlight) { this.#queued = true; return; }
    const wait = this.#lastStart + this.#gapMs - this.#now();
    if (wait > 0) {
      this.#timer = setTimeout(() => { this.#timer = null; void this.#start(); }, wait);
      return;
    }
    void this.#start();
  }

  /** Drop what is due (the drawer closed); a run in flight finishes, its answer is the caller's to ignore. */
  cancel(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#queued = false;
  }

  async #start(): Promise<void> {
    this.#inFlight = true;
    this.#queued = false;
    this.#lastStart = this.#now();
    try {
      await this.#run();
    } finally {
      this.#inFlight = false;
      if (this.#queued) { this.#queued = false; this.request(); }
    }
  }
}
