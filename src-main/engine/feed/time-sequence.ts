// Each row's place in a file's time sequence, judged against its neighbours (issue 16), for the CSV
// and LEAN readers (csv-rows.ts adds the local-time cases before a row gets here). A row that
// jumps more than `jumpMs` ahead of the last accepted one is held back until the next row shows
// whether the file continues from it (a real gap: kept) or returns to the old sequence (the held row
// alone is rejected, never the clean rows after it). A row earlier than the last accepted one is
// rejected; so is a bar at the time of the previous bar when `distinct` (the first is kept, not summed).
import type { RowLog } from './common.ts';

/** offer(): the row is rejected (logged here) */
export const EARLIER = 0;
/** offer(): write the row */
export const PUT = 1;
/** offer(): keep the row's values aside (write them when commitHeld() is asked for) */
export const HOLD = 2;

export class TimeSequence {
  /** last accepted (written) time */
  last = -Infinity;
  /** a row is held back */
  held = false;
  /** the held row must be written, at time commitT, before acting on the current answer (set by offer) */
  commitHeld = false;
  /** the time of the held row to write when commitHeld (heldT may already be the next held row's) */
  commitT = 0;
  heldT = 0;
  #heldLine = 0;
  #heldText = '';
  readonly #jump: number;
  readonly #log: RowLog;
  readonly #field: string;
  readonly #distinct: boolean;
  readonly #fmt: (t: number) => string;
  readonly #jumpText: string;

  /** `jumpText`: the bound as messages say it (default: in minutes) */
  constructor(o: { jumpMs: number; jumpText?: string; log: RowLog; field: string; distinct: boolean; fmt: (t: number) => string }) {
    this.#jump = o.jumpMs; this.#log = o.log; this.#field = o.field; this.#distinct = o.distinct; this.#fmt = o.fmt;
    this.#jumpText = o.jumpText ?? `${o.jumpMs / 60_000} minutes`;
  }

  /** The usual case, asked before offer(): nothing held, in order, no long jump. Then `t` is taken (true). */
  fits(t: number): boolean {
    if (this.held || !(this.#distinct ? t > this.last : t >= this.last) || t - this.last > this.#jump) return false;
    this.last = t;
    return true;
  }

  /** Row `line` at time `t` (`text`: its time field, for messages): EARLIER, PUT or HOLD; see commitHeld. */
  offer(t: number, line: number, text: string): number {
    this.commitHeld = false;
    if (this.held) {
      if (t >= this.heldT) {
        this.held = false;
        this.commitHeld = true;
        this.commitT = this.last = this.heldT;
      } else if (t >= this.last && (this.last !== -Infinity || this.heldT - t > this.#jump)) {
        this.held = false;
        const prev = this.last === -Infinity ? 'the file start' : this.#fmt(this.last);
        this.#log.reject(this.#heldLine, this.#field, `time jumps ahead of its neighbours (previous accepted row: ${prev}; next row, line ${line}: ${this.#fmt(t)})`,
          `within ${this.#jumpText} of the previous row, or followed by later rows`, this.#heldText);
      } else {
        this.#log.reject(line, this.#field, 'timestamp earlier than the previous row', `≥ ${this.#fmt(this.heldT)}`, text);
        return EARLIER;
      }
    }
    if (t < this.last) {
      this.#log.reject(line, this.#field, 'timestamp earlier than the previous row', `≥ ${this.#fmt(this.last)}`, text);
      return EARLIER;
    }
    if (t === this.last && this.#distinct) {
      this.#log.reject(line, this.#field, 'duplicate bar time: the first bar with this time is kept, this one is dropped (not summed)',
        `> ${this.#fmt(this.last)}`, text, 'duplicate-bar');
      return EARLIER;
    }
    if (t - this.last > this.#jump) {
      this.held = true;
      this.heldT = t; this.#heldLine = line; this.#heldText = text;
      return HOLD;
    }
    this.last = t;
    return PUT;
  }

  /** End of the file: is a held row left to write? (It is then accepted.) */
  finish(): boolean {
    if (!this.held) return false;
    this.held = false;
    this.last = this.heldT;
    return true;
  }
}
