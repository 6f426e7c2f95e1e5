// Builds the MMD kernel-sum WebAssembly module (f64x2 SIMD) from the WAT below with wabt and writes
// it as base64 into src-main/engine/indicators/mmd-kernel-wasm.ts (committed; run `npm run wasm`
// after changing this file). exp(u) for u ≤ 0: u clamped at −708, n = round(u·log2 e),
// r = u − n·ln2 (Cody–Waite, |r| ≤ 0.347), e^r = (e^(r/8))^8 with e^(r/8) by its Taylor polynomial
// to degree 7 (relative error of the result ~1e-15), times 2^n built in the exponent bits.
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
const mod = wabt.parseWat('mmd-kernel.wat', wat, { simd: true });
mod.validate();
const { buffer } = mod.toBinary({});
const out = new URL('../src-main/engine/indicators/mmd-kernel-wasm.ts', import.meta.url);
writeFileSync(out, `// Generated by scripts/build-wasm.mjs (npm run wasm): the MMD kernel-sum module, ${buffer.length} bytes.\nexport const MMD_KERNEL_WASM = '${Buffer.from(buffer).toString('base64')}';\n`);
console.log(`wrote ${out.pathname} (${buffer.length} bytes)`);
