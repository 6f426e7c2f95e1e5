// Builds the MMD kernel-sum WebAssembly modules from the WAT below with wabt and writes them as base64
// into src-main/engine/indicators/mmd-kernel-wasm.ts (committed; run `npm run wasm` after changing
// this file).
// 1. MMD_KERNEL_WASM, `sum_rows` (f64x2 SIMD): the exact path. exp(u) for u ≤ 0: u clamped at −708,
//    n = round(u·log2 e), r = u − n·ln2 (Cody–Waite, |r| ≤ 0.347), e^r = (e^(r/8))^8 with e^(r/8) by
//    its Taylor polynomial to degree 7 (relative error of the result ~1e-15), times 2^n built in the
//    exponent bits.
// 2. MMD_FAST_FMA_WASM / MMD_FAST_WASM, `sum_fast`: the fast path (mmd-kernel-fast.ts states its
//    method and error bound). The FMA one uses relaxed SIMD's f64x2.relaxed_madd; the other the same
//    code with a multiply and an add, for runtimes without relaxed SIMD.
import { writeFileSync } from 'node:fs';
import wabtInit from 'wabt';

const f2 = (v) => `(v128.const f64x2 ${v} ${v})`;
const fact = [1];
for (let k = 1; k <= 12; k++) fact.push(fact[k - 1] * k);
const coef = fact.map((f) => (1 / f).toPrecision(17));


/** One pair of kernels (rows j, j+1 at byte offset `off` from $yj), with locals suffixed `s`. */
function pairBody(sfx, off) {
  const L = (n) => `$${n}${sfx}`;
  const at = (col) => `(i32.add (local.get $yj) (i32.add (i32.mul (local.get $stride) (i32.const ${col})) (i32.const ${off})))`;
  // e^r = (e^(r/8))^8: Taylor to degree 7 on |r/8| ≤ 0.0434 (error < 3e-16), then three squarings
  let h = `(local.set ${L('r')} (f64x2.mul (local.get ${L('r')}) ${f2('0.125')}))\n`;
  h += `(local.set ${L('p')} ${f2(coef[7])})\n`;
  for (let k = 6; k >= 0; k--) h += `(local.set ${L('p')} (f64x2.add (f64x2.mul (local.get ${L('p')}) (local.get ${L('r')})) ${f2(coef[k])}))\n`;
  for (let q = 0; q < 3; q++) h += `(local.set ${L('p')} (f64x2.mul (local.get ${L('p')}) (local.get ${L('p')})))\n`;
  let b = '';
  ['a0', 'a1', 'a2', 'a3'].forEach((a, col) => {
    b += `(local.set ${L('t')} (f64x2.sub (local.get $${a}) (v128.load ${at(col)})))\n`;
    b += col === 0 ? `(local.set ${L('d')} (f64x2.mul (local.get ${L('t')}) (local.get ${L('t')})))\n`
      : `(local.set ${L('d')} (f64x2.add (local.get ${L('d')}) (f64x2.mul (local.get ${L('t')}) (local.get ${L('t')}))))\n`;
  });
  b += `(local.set ${L('u')} (f64x2.max (f64x2.mul (local.get $cv) (local.get ${L('d')})) ${f2(-708)}))\n`;
  b += `(local.set ${L('n')} (f64x2.nearest (f64x2.mul (local.get ${L('u')}) ${f2('1.4426950408889634')})))\n`;
  b += `(local.set ${L('r')} (f64x2.sub (f64x2.sub (local.get ${L('u')}) (f64x2.mul (local.get ${L('n')}) ${f2('6.93147180369123816490e-01')})) (f64x2.mul (local.get ${L('n')}) ${f2('1.90821492927058770002e-10')})))\n`;
  b += h;
  b += `(local.set ${L('p')} (f64x2.mul (local.get ${L('p')}) (i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get ${L('n')}))) (v128.const i64x2 1023 1023)) (i32.const 52))))\n`;
  b += `(local.set $acc (f64x2.add (local.get $acc) (local.get ${L('p')})))\n`;
  return b;
}

// 2^(f/2) on f ∈ [−0.5, 0.5]: Remez minimax of the relative error, degree 6 (1.45e-11); squared, it
// gives 2^f within 2.91e-11 relative (checked on 2M points with these doubles). Made with mpmath.
const FAST_COEF = ['1.0000000000021954', '0.3465735904818724', '0.06005662659012951', '0.006938007092358935',
  '0.0006011344793314184', '4.1719432615392015e-05', '2.404544043648047e-06'];
const MAGIC = '6755399441055744.0'; // 1.5·2^52: v + MAGIC rounds v to an integer n held in the low bits

/** Bytes at the start of the fast module's memory: the HIGH highest coefficients as f64x2, read from
 * memory instead of held in registers (V8 keeps 15 XMM registers; the rest would spill the sums). */
const HIGH = 4;
const FAST_CONST_BYTES = HIGH * 16;
const constData = () => {
  const b = Buffer.alloc(FAST_CONST_BYTES);
  FAST_COEF.slice(-HIGH).forEach((v, q) => { b.writeDoubleLE(Number(v), q * 16); b.writeDoubleLE(Number(v), q * 16 + 8); });
  return [...b].map((x) => `\\${x.toString(16).padStart(2, '0')}`).join('');
};

/**
 * The steps for the kernels of rows j, j+1 (w0 w1 w2 w3 b as five f64x2 at byte `off` from $yj), the
 * scaled pair left in $r<sfx>. Returned one statement per step so that two blocks interleave: V8 keeps
 * the order, and the two dependency chains then overlap.
 */
function fastSteps(fma, sfx, off) {
  const g = (n) => `(local.get $${n})`;
  const L = (n) => `$${n}${sfx}`, lg = (n) => g(`${n}${sfx}`);
  const mad = (a, b, c) => (fma ? `(f64x2.relaxed_madd ${a} ${b} ${c})` : `(f64x2.add (f64x2.mul ${a} ${b}) ${c})`);
  const ld = (q) => `(v128.load offset=${off + q * 16} (local.get $yj))`;
  const D = FAST_COEF.length - 1;
  const coef = (k) => (k > D - HIGH ? `(v128.load offset=${(k - D - 1 + HIGH) * 16} (i32.const 0))` : g(`c${k}`));
  const st = [
    // v = b + x·w (log2 units) as two short chains; t = v + MAGIC; f = v − n ∈ [−0.5, 0.5]
    `(local.set ${L('v')} (f64x2.add ${mad(g('a1'), ld(1), mad(g('a0'), ld(0), ld(4)))} ${mad(g('a3'), ld(3), `(f64x2.mul ${g('a2')} ${ld(2)})`)}))`,
    `(local.set ${L('t')} (f64x2.add ${lg('v')} ${g('M')}))`,
    `(local.set ${L('f')} (f64x2.sub ${lg('v')} (f64x2.sub ${lg('t')} ${g('M')})))`,
    `(local.set ${L('p')} ${mad(coef(D), lg('f'), coef(D - 1))})`,
  ];
  for (let k = D - 2; k >= 0; k--) st.push(`(local.set ${L('p')} ${mad(lg('p'), lg('f'), coef(k))})`);
  // 2^v = (2^(f/2))² · 2^n: n added to the exponent field (|v| ≤ 900 is checked by the caller)
  st.push(`(local.set ${L('r')} (i64x2.add (f64x2.mul ${lg('p')} ${lg('p')}) (i64x2.shl ${lg('t')} (i32.const 52))))`);
  return st;
}

/** Rows per step of the fast loop: BLOCKS blocks of two, interleaved so that their dependency chains
 * overlap (measured on the bench machine: 6 blocks ~1.4× the speed of 2, 4 and 8 slower than 6). */
const BLOCKS = 6;
const STEP_ROWS = 2 * BLOCKS;

/**
 * The fast module: sum_fast(x, e, from, to, y, ny, tri) = Σ_{i∈[from,to)} e_i · Σ_j 2^(b_j + x_i·w_j),
 * j over [0, ny) or, with tri ≠ 0, over the STEP_ROWS-row groups after row i's own group (the upper
 * triangle of X–X by groups; the caller adds the groups on the diagonal).
 */
function fastWat(fma) {
  const f2 = (v) => `(v128.const f64x2 ${v} ${v})`;
  const held = FAST_COEF.slice(0, -HIGH);
  const names = 'ABCDEFGH'.slice(0, BLOCKS).split('');
  const steps = names.map((s, q) => fastSteps(fma, s, q * 80));
  const coefLocals = held.map((_, k) => `(local $c${k} v128)`).join(' ');
  const coefInit = held.map((v, k) => `(local.set $c${k} ${f2(v)})`).join('\n');
  const blockLocals = names.map((s) => ['v', 't', 'f', 'p', 'r'].map((n) => `(local $${n}${s} v128)`).join(' ')).join(' ');
  let body = '';
  for (let k = 0; k < steps[0].length; k++) for (const st of steps) body += `${st[k]}\n`;
  const sumR = names.map((s) => `(local.get $r${s})`).reduce((a, b) => `(f64x2.add ${a} ${b})`);
  return `(module
  (memory (export "memory") 1)
  (data (i32.const 0) "${constData()}")
  ;; x: row-major 4-D rows at byte $x; e: one f64 per row at byte $e; y: ny/2 blocks of 80 bytes
  ;; (w0 w1 w2 w3 b for rows j, j+1, each an f64x2) at $y, ny a multiple of ${STEP_ROWS}.
  (func (export "sum_fast") (param $x i32) (param $e i32) (param $from i32) (param $to i32) (param $y i32) (param $ny i32) (param $tri i32) (result f64)
    (local $i i32) (local $s f64) (local $xi i32) (local $yj i32) (local $end i32) (local $acc v128) (local $M v128)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128) ${coefLocals} ${blockLocals}
    (local.set $M ${f2(MAGIC)})
    ${coefInit}
    (local.set $end (i32.add (local.get $y) (i32.mul (local.get $ny) (i32.const 40))))
    (local.set $i (local.get $from))
    (block $done_i (loop $loop_i
      (br_if $done_i (i32.ge_u (local.get $i) (local.get $to)))
      (local.set $yj (local.get $y))
      (if (local.get $tri) (then
        (local.set $yj (i32.add (local.get $y) (i32.mul (i32.add (i32.div_u (local.get $i) (i32.const ${STEP_ROWS})) (i32.const 1)) (i32.const ${STEP_ROWS * 40}))))))
      (if (i32.lt_u (local.get $yj) (local.get $end)) (then
      (local.set $xi (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 5))))
      (local.set $a0 (v128.load64_splat (local.get $xi)))
      (local.set $a1 (v128.load64_splat offset=8 (local.get $xi)))
      (local.set $a2 (v128.load64_splat offset=16 (local.get $xi)))
      (local.set $a3 (v128.load64_splat offset=24 (local.get $xi)))
      (local.set $acc ${f2(0)})
      (loop $loop_j
${body}        (local.set $acc (f64x2.add (local.get $acc) ${sumR}))
        (local.set $yj (i32.add (local.get $yj) (i32.const ${STEP_ROWS * 40})))
        (br_if $loop_j (i32.lt_u (local.get $yj) (local.get $end))))
      (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (i32.add (local.get $e) (i32.shl (local.get $i) (i32.const 3))))
        (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $loop_i)))
    (local.get $s)))`;
}

const wat = `(module
  (memory (export "memory") 1)
  ;; Σ_{i∈[from,to)} Σ_j exp(c·‖x_i − y_j‖²). x: row-major 4-D rows at byte offset $x. y: one
  ;; archetype as 4 columns of ny f64 each (structure of arrays) at $y; ny must be a multiple of 4
  ;; (two independent pairs of rows per iteration keep both multiply pipelines busy).
  (func (export "sum_rows") (param $x i32) (param $from i32) (param $to i32) (param $y i32) (param $ny i32) (param $c f64) (result f64)
    (local $i i32) (local $j i32) (local $s f64) (local $acc v128) (local $xi i32)
    (local $a0 v128) (local $a1 v128) (local $a2 v128) (local $a3 v128)
    (local $dA v128) (local $tA v128) (local $uA v128) (local $nA v128) (local $rA v128) (local $pA v128)
    (local $dB v128) (local $tB v128) (local $uB v128) (local $nB v128) (local $rB v128) (local $pB v128)
    (local $cv v128) (local $stride i32) (local $yj i32) (local $end i32)
    (local.set $cv (f64x2.splat (local.get $c)))
    (local.set $stride (i32.shl (local.get $ny) (i32.const 3)))
    (local.set $end (i32.add (local.get $y) (local.get $stride)))
    (local.set $i (local.get $from))
    (block $done_i (loop $loop_i
      (br_if $done_i (i32.ge_u (local.get $i) (local.get $to)))
      (local.set $xi (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 5))))
      (local.set $a0 (f64x2.splat (f64.load (local.get $xi))))
      (local.set $a1 (f64x2.splat (f64.load offset=8 (local.get $xi))))
      (local.set $a2 (f64x2.splat (f64.load offset=16 (local.get $xi))))
      (local.set $a3 (f64x2.splat (f64.load offset=24 (local.get $xi))))
      (local.set $acc ${f2(0)})
      (local.set $yj (local.get $y))
      (block $done_j (loop $loop_j
        (br_if $done_j (i32.ge_u (local.get $yj) (local.get $end)))
${pairBody('A', 0)}
${pairBody('B', 16)}
        (local.set $yj (i32.add (local.get $yj) (i32.const 32)))
        (br $loop_j)))
      (local.set $s (f64.add (local.get $s) (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $loop_i)))
    (local.get $s)))`;

const wabt = await wabtInit();
const binary = (name, text, features) => {
  const mod = wabt.parseWat(name, text, features);
  mod.validate();
  return Buffer.from(mod.toBinary({}).buffer);
};
const modules = {
  MMD_KERNEL_WASM: ['the exact kernel sums (sum_rows)', binary('mmd-kernel.wat', wat, { simd: true })],
  MMD_FAST_FMA_WASM: ['the fast kernel sums with FMA (sum_fast, relaxed SIMD)',
    binary('mmd-fast-fma.wat', fastWat(true), { simd: true, relaxed_simd: true })],
  MMD_FAST_WASM: ['the fast kernel sums without FMA (sum_fast)', binary('mmd-fast.wat', fastWat(false), { simd: true })],
};
const out = new URL('../src-main/engine/indicators/mmd-kernel-wasm.ts', import.meta.url);
let text = '// Generated by scripts/build-wasm.mjs (npm run wasm): the MMD kernel-sum modules.\n';
for (const [name, [what, bytes]] of Object.entries(modules)) {
  text += `/** ${what}, ${bytes.length} bytes */\nexport const ${name} = '${bytes.toString('base64')}';\n`;
}
text += `/** bytes at the start of the fast modules' memory that hold constants: data goes after them */\nexport const MMD_FAST_CONST_BYTES = ${FAST_CONST_BYTES};\n`;
text += `/** rows per step of the fast modules' loop: the layouts are padded to a multiple of it */\nexport const MMD_FAST_STEP_ROWS = ${STEP_ROWS};\n`;
writeFileSync(out, text);
console.log(`wrote ${out.pathname} (${Object.values(modules).map(([, b]) => b.length).join(' + ')} bytes)`);
