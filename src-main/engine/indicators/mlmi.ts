// MLMI, the Machine Learning Market Index (30m), SPEC §2.1: a kNN vote over past WMA crossovers.
// Per bar: MAq = WMA_5(p), MAs = WMA_20(p), F1 = WMA_20(RSI_20(p)), F2 = WMA_20(RSI_5(p)). At a
// crossover of MAq/MAs (with F1, F2 ready) a record (F1, F2, p, label) is appended ONLINE, label
// = sign of the move since the previous record (+1 on equality, 0 for the first). Then the k'
// nearest records vote: mlmi = Σ labels ∈ [−k, k]. The original stored all crossovers of the
// whole series first (look-ahead) and re-added its window's crossovers on every bar; neither here.
import type { Bar } from '../../../src-shared/domain/bars.ts';
import { DEFAULT_CONFIG, type IndicatorConfig } from '../../../src-shared/config.ts';
import type { Indicator } from './types.ts';
import { Wma } from './wma.ts';
import { RsiWilder } from './rsi.ts';
import { source30Price } from './heikin-ashi.ts';

/**
 * The kNN record store: a FIFO ring of (F1, F2, label) in Float64Arrays. `vote` is the bounded
 * kNN query of SPEC §2.1 step 4 (O(N + m log k), m ≤ N candidates; ties go to the OLDER record).
 */
export class KnnDatabase {
  readonly capacity: number;
  #f1: Float64Array;
  #f2: Float64Array;
  #label: Float64Array;
  #start = 0; // physical index of the oldest record
  #size = 0;
  #labelSum = 0;
  #lastPrice = 0; // p of the newest record, kept even if that record is evicted
  #any = false; // a record was ever added: only the very first record is labelled 0
  // scratch for vote(): a max-heap of (squared distance, age rank, label); distances by rank;
  // ranks within the guessed bound; the previous query and its k-th squared distance.
  #hd = new Float64Array(0);
  #hs = new Int32Array(0);
  #hl = new Float64Array(0);
  #d: Float64Array;
  #cand: Int32Array;
  #hasPrev = false;
  #prevQ1 = 0;
  #prevQ2 = 0;
  #prevKth = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`mlmi.max_records must be ≥ 1, got ${capacity}`);
    this.capacity = capacity;
    this.#f1 = new Float64Array(capacity);
    this.#f2 = new Float64Array(capacity);
    this.#label = new Float64Array(capacity);
    this.#d = new Float64Array(capacity);
    this.#cand = new Int32Array(capacity);
  }

  get size(): number { return this.#size; }

  /** Appends a record and returns its label; the oldest record is dropped when full. */
  add(f1: number, f2: number, price: number): number {
    const label = !this.#any ? 0 : price >= this.#lastPrice ? 1 : -1;
    this.#any = true;
    this.#lastPrice = price;
    const cap = this.capacity;
    let i: number;
    if (this.#size === cap) {
      i = this.#start;
      this.#labelSum -= this.#label[i]!;
      this.#start = (this.#start + 1) % cap;
    } else {
      i = (this.#start + this.#size) % cap;
      this.#size++;
    }
    this.#f1[i] = f1;
    this.#f2[i] = f2;
    this.#label[i] = label;
    this.#labelSum += label;
    return label;
  }

  /** Sum of the labels of the k' = min(k, N) records nearest to (q1, q2); 0 when empty. */
  vote(q1: number, q2: number, k: number): number {
    const n = this.#size;
    if (n <= k) {
      this.#hasPrev = false;
      return this.#labelSum; // every record votes
    }
    if (this.#hd.length < k) [this.#hd, this.#hs, this.#hl] = [new Float64Array(k), new Int32Array(k), new Float64Array(k)];
    // Pass 1: squared distances in age order (rank r = 0 is the oldest). A guessed bound B from
    // the previous query (its k-th radius grown by how far the query moved) lets pass 2 skip most
    // records. The result does not depend on B: it is used only if ≥ k records lie within it, and
    // then every record of the true k nearest (ties included) does too.
    const f1 = this.#f1, f2 = this.#f2, lab = this.#label, d = this.#d, cap = this.capacity;
    let bound = Infinity;
    if (this.#hasPrev) {
      const a = q1 - this.#prevQ1, b = q2 - this.#prevQ2;
      const rad = Math.sqrt(this.#prevKth) + Math.sqrt(a * a + b * b);
      bound = rad * rad * (1 + 1e-9);
    }
    const cand = this.#cand; // ranks within B, usually a little over k: pass 2 rarely visits all N
    let within = 0;
    for (let r = 0, i = this.#start; r < n; r++, i = i + 1 === cap ? 0 : i + 1) {
      const a = f1[i]! - q1, b = f2[i]! - q2;
      const dd = a * a + b * b;
      d[r] = dd;
      if (dd <= bound) cand[within++] = r;
    }
    const all = within < k; // the guess was too small (or absent): select among all records
    const m2 = all ? n : within;
    // Pass 2: a size-k max-heap on (distance, rank). Ranks arrive oldest first, so a later record
    // with an equal distance is never better than one kept: a strict `<` gives ties to the older.
    const hd = this.#hd, hs = this.#hs, hl = this.#hl, start = this.#start;
    let m = 0;
    for (let c2 = 0; c2 < m2; c2++) {
      const r = all ? c2 : cand[c2]!;
      const dd = d[r]!;
      const li = lab[r + start < cap ? r + start : r + start - cap]!;
      if (m < k) {
        let c = m++; // sift up; r is the largest rank so far, so an equal distance sorts higher
        while (c > 0) {
          const p = (c - 1) >> 1;
          if (hd[p]! > dd || (hd[p] === dd && hs[p]! > r)) break;
          hd[c] = hd[p]!; hs[c] = hs[p]!; hl[c] = hl[p]!;
          c = p;
        }
        hd[c] = dd; hs[c] = r; hl[c] = li;
      } else if (dd < hd[0]!) {
        siftDownRoot(hd, hs, hl, k, dd, r, li);
      }
    }
    [this.#hasPrev, this.#prevQ1, this.#prevQ2, this.#prevKth] = [true, q1, q2, hd[0]!];
    let s = 0;
    for (let j = 0; j < k; j++) s += hl[j]!;
    return s;
  }

  clear(): void {
    this.#start = this.#size = this.#labelSum = this.#lastPrice = 0;
    this.#any = this.#hasPrev = false;
  }
}

/** Replaces the heap root with (d, r, l) and restores the max-heap order on (d, rank). */
function siftDownRoot(hd: Float64Array, hs: Int32Array, hl: Float64Array, m: number, d: number, r: number, l: number): void {
  let c = 0;
  for (;;) {
    let big = 2 * c + 1;
    if (big >= m) break;
    const rt = big + 1;
    if (rt < m && (hd[rt]! > hd[big]! || (hd[rt] === hd[big] && hs[rt]! > hs[big]!))) big = rt;
    if (hd[big]! < d || (hd[big] === d && hs[big]! < r)) break;
    hd[c] = hd[big]!; hs[c] = hs[big]!; hl[c] = hl[big]!;
    c = big;
  }
  hd[c] = d; hs[c] = r; hl[c] = l;
}

export interface MlmiOut {
  ready: boolean; // value ready: a record exists and F1, F2 are ready
  value: number; // Σ of the k' nearest labels, in [−k, k]; neutral 0
  ma: number; // WMA_ma_period of the value
  maReady: boolean;
  signal: number; // +1 / −1 when value crosses over / under ma, else 0
  signalReady: boolean;
  records: number; // records in the database (N), counted from bar 0
  scaled: number; // clip(value / k, −1, 1) for the matrices
}

export class Mlmi implements Indicator<MlmiOut> {
  readonly name = 'mlmi';
  /** earliest possible first value: F1 = WMA(RSI_slow) ready (39 with defaults) */
  readonly warmup: number;
  readonly k: number;
  readonly source: IndicatorConfig['source30'];
  readonly db: KnnDatabase;
  readonly out: MlmiOut = { ready: false, value: 0, ma: 0, maReady: false, signal: 0, signalReady: false, records: 0, scaled: 0 };
  #maq: Wma;
  #mas: Wma;
  #rsiSlow: RsiWilder;
  #rsiQuick: RsiWilder;
  #f1: Wma;
  #f2: Wma;
  #ma: Wma;
  #prevMaq = 0;
  #prevMas = 0;
  #prevMasReady = false;
  #prevValue = 0;
  #prevMa = 0;

  constructor(cfg: IndicatorConfig['mlmi'] = DEFAULT_CONFIG.indicators.mlmi,
              source: IndicatorConfig['source30'] = DEFAULT_CONFIG.indicators.source30) {
    this.k = cfg.k;
    this.source = source;
    this.db = new KnnDatabase(cfg.max_records);
    this.#maq = new Wma(cfg.ma_quick);
    this.#mas = new Wma(cfg.ma_slow);
    this.#rsiSlow = new RsiWilder(cfg.rsi_slow);
    this.#rsiQuick = new RsiWilder(cfg.rsi_quick);
    this.#f1 = new Wma(cfg.momentum_window);
    this.#f2 = new Wma(cfg.momentum_window);
    this.#ma = new Wma(cfg.ma_period);
    this.warmup = Math.max(cfg.ma_slow, Math.max(cfg.rsi_slow, cfg.rsi_quick) + cfg.momentum_window - 1);
  }

  update(bar: Bar): MlmiOut {
    const p = source30Price(bar, this.source);
    if (!Number.isFinite(p)) throw new Error(`MLMI: non-finite source price at t=${bar.t}`);
    const out = this.out;
    const maq = this.#maq.update(p), mas = this.#mas.update(p);
    const maReadyNow = this.#maq.ready && this.#mas.ready;
    // RSIs feed their WMAs only once ready, so F1/F2 never average a not-ready RSI.
    const rs = this.#rsiSlow.update(p), rq = this.#rsiQuick.update(p);
    if (this.#rsiSlow.ready) this.#f1.update(rs);
    if (this.#rsiQuick.ready) this.#f2.update(rq);
    const fReady = this.#f1.ready && this.#f2.ready;
    const f1 = this.#f1.value, f2 = this.#f2.value;

    // Store (causal): only crossovers at this bar, labelled by the move since the last record.
    if (maReadyNow && this.#prevMasReady && fReady) {
      const bull = maq > mas && this.#prevMaq <= this.#prevMas;
      const bear = maq < mas && this.#prevMaq >= this.#prevMas;
      if (bull || bear) this.db.add(f1, f2, p);
    }
    [this.#prevMaq, this.#prevMas, this.#prevMasReady] = [maq, mas, maReadyNow];
    out.records = this.db.size;

    // Predict (the record stored above takes part), then the WMA of the line and its cross.
    if (!(fReady && this.db.size > 0)) return out; // not ready: fields stay 0 / false
    const prevMaReady = out.maReady;
    const v = this.db.vote(f1, f2, this.k);
    const ma = this.#ma.update(v);
    out.ready = true;
    out.value = v;
    out.scaled = Math.max(-1, Math.min(1, v / this.k));
    out.maReady = this.#ma.ready;
    out.ma = ma;
    out.signalReady = out.maReady && prevMaReady;
    out.signal = !out.signalReady ? 0
      : v > ma && this.#prevValue <= this.#prevMa ? 1
      : v < ma && this.#prevValue >= this.#prevMa ? -1 : 0;
    [this.#prevValue, this.#prevMa] = [v, ma];
    return out;
  }

  reset(): void {
    for (const w of [this.#maq, this.#mas, this.#f1, this.#f2, this.#ma]) w.reset();
    this.#rsiSlow.reset();
    this.#rsiQuick.reset();
    this.db.clear();
    this.#prevMaq = this.#prevMas = this.#prevValue = this.#prevMa = 0;
    this.#prevMasReady = false;
    const out = this.out;
    out.ready = out.maReady = out.signalReady = false;
    out.value = out.ma = out.signal = out.records = out.scaled = 0;
  }
}
