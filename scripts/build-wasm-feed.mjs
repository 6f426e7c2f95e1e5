// Builds the LEAN tick row scanner (WebAssembly, no SIMD) from the WAT below with wabt and writes it as
// base64 into src-main/engine/feed/lean-scan-wasm.ts (committed; `npm run wasm` rebuilds it).
//
// `scan(i, end, max, cap, line, day, last) → rows`: reads rows `ms,price,size,exchange,condition_hex
// [,suspicious]` from byte i (the bytes up to `end` end with '\n') and takes at most `max` of them, as
// columns at 0: UTC time f64[cap], price f64[cap], size f64[cap], volume-only u8[cap]. `line` is the
// number of the line before i; `day` the UTC ms of the file's local midnight; 26 f64 hour offsets
// (local − UTC, lean-parse.ts hourOffsets) at OFF; `last` the last accepted time. The grammar and the
// arithmetic are the JS scanner's (lean-ticks.ts); tests/unit/engine/feed/lean-scan.test.ts compares
// them. The scan stops at a row it does not take, with global `bad` = its field when malformed (0 time
// … 5 suspicious), or JS (6) for a row the JS scanner must read: a number of more than 15 digits (13
// hex: the JS loop's doubles are not exact there), a time out of range, an implausible price or size,
// a time before `last` or more than an hour after it (the time sequence judges those). `pos` is then
// the row's first byte (else where the next row starts), `at` where reading stopped, `line` its line
// (else the last line read), `last` the last time taken. −1 in `bad`: the scan reached `end` or `max`.
import { writeFileSync } from 'node:fs';
import wabtInit from 'wabt';

const get = (n) => `(local.get $${n})`;
const set = (n, v) => `(local.set $${n} ${v})`;
const inc = (n, by = 1) => set(n, `(i32.add ${get(n)} (i32.const ${by}))`);
const byte = '(i32.load8_u (local.get $i))';

/**
 * Decimal digits into i64 local `v` (exact, like the JS loop's doubles while under 2^53): malformed
 * (field `field`) unless at least one and then ','; more than 15 digits: JS.
 */
function decimal(v, field) {
  return `${set('bad', `(i32.const ${field})`)}
    ${set(v, '(i64.const 0)')} ${set('s', get('i'))}
    (block $e_${v} (loop $l_${v}
      ${set('d', `(i32.sub ${byte} (i32.const 48))`)}
      (br_if $e_${v} (i32.gt_u ${get('d')} (i32.const 9)))
      ${set(v, `(i64.add (i64.mul ${get(v)} (i64.const 10)) (i64.extend_i32_u ${get('d')}))`)}
      ${inc('i')}
      (br $l_${v})))
    (br_if $malformed (i32.or (i32.eq ${get('i')} ${get('s')}) (i32.ne ${byte} (i32.const 44))))
    ${set('bad', `(i32.const ${JS})`)}
    (br_if $malformed (i32.gt_u (i32.sub ${get('i')} ${get('s')}) (i32.const 15)))
    ${inc('i')}`;
}

/** `bad` of a row the JS scanner reads */
const JS = 6;
/** rows a scan call takes at most: the output columns' length */
const CAP = 16384;
/** byte offset of the hour-offset table (after the columns) and of the input window */
const OFF = CAP * 25;
const IN = OFF + 256;
/** common.ts MIN_PRICE, MAX_PRICE, MAX_VOLUME; lean-parse.ts DAY + HOUR, HOUR, LEAN_JUMP_MS */
const [MIN_PRICE, MAX_PRICE, MAX_VOLUME, MS_END, HOUR, JUMP] = ['1e-9', '1e12', '1e15', 90_000_000, 3_600_000, '3600000'];

/** the sale conditions whose prints count for volume only (lean-ticks.ts volumeOnly) */
const VOLUME_ONLY = [0x20, 0x20000020, 0x20100000, 0x20100200, 0x20040200];

const wat = `(module
  (memory (export "memory") 1)
  (global $pos (export "pos") (mut i32) (i32.const 0))
  (global $at (export "at") (mut i32) (i32.const 0))
  (global $line (export "line") (mut i32) (i32.const 0))
  (global $bad (export "bad") (mut i32) (i32.const -1))
  (global $last (export "last") (mut f64) (f64.const 0))
  (func (export "scan") (param $i i32) (param $end i32) (param $max i32) (param $cap i32) (param $line i32) (param $day f64) (param $last f64) (result i32)
    (local $k i32) (local $c i32) (local $d i32) (local $s i32) (local $row i32) (local $bad i32) (local $susp i32)
    (local $t f64) (local $p f64) (local $sz f64)
    (local $ms i64) (local $price i64) (local $size i64) (local $cond i64)
    (block $stop (loop $rows
      (br_if $stop (i32.ge_u ${get('k')} ${get('max')}))
      (br_if $stop (i32.ge_u ${get('i')} ${get('end')}))
      ${inc('line')}
      ${set('row', get('i'))}
      ${set('c', byte)}
      (if (i32.eq ${get('c')} (i32.const 10)) (then ${inc('i')} (br $rows)))
      (if (i32.and (i32.eq ${get('c')} (i32.const 13)) (i32.eq (i32.load8_u offset=1 (local.get $i)) (i32.const 10)))
        (then ${inc('i', 2)} (br $rows)))
      (block $malformed
        ${decimal('ms', 0)}
        ${decimal('price', 1)}
        ${decimal('size', 2)}
        ${set('bad', '(i32.const 3)')}
        (block $e_x (loop $l_x
          ${set('c', byte)}
          (br_if $e_x (i32.or (i32.eq ${get('c')} (i32.const 44)) (i32.eq ${get('c')} (i32.const 10))))
          ${inc('i')}
          (br $l_x)))
        (br_if $malformed (i32.ne ${get('c')} (i32.const 44)))
        ${inc('i')}
        ${set('bad', '(i32.const 4)')}
        ${set('cond', '(i64.const 0)')} ${set('s', get('i'))}
        (block $e_h (loop $l_h
          ${set('c', byte)}
          ${set('d', `(i32.sub ${get('c')} (i32.const 48))`)}
          (if (i32.gt_u ${get('d')} (i32.const 9)) (then
            ${set('d', `(i32.sub (i32.or ${get('c')} (i32.const 32)) (i32.const 87))`)}
            (br_if $e_h (i32.or (i32.lt_u ${get('d')} (i32.const 10)) (i32.gt_u ${get('d')} (i32.const 15))))))
          ${set('cond', `(i64.or (i64.shl ${get('cond')} (i64.const 4)) (i64.extend_i32_u ${get('d')}))`)}
          ${inc('i')}
          (br $l_h)))
        (br_if $malformed (i32.eq ${get('i')} ${get('s')}))
        ${set('bad', `(i32.const ${JS})`)}
        (br_if $malformed (i32.gt_u (i32.sub ${get('i')} ${get('s')}) (i32.const 13)))
        ${set('susp', '(i32.const 0)')}
        (if (i32.eq ${get('c')} (i32.const 44)) (then
          ${inc('i')} ${set('c', byte)}
          (if (i32.eq ${get('c')} (i32.const 49)) (then ${set('susp', '(i32.const 1)')})
            (else ${set('bad', '(i32.const 5)')} (br_if $malformed (i32.ne ${get('c')} (i32.const 48)))))
          ${inc('i')} ${set('c', byte)}))
        (if (i32.eq ${get('c')} (i32.const 13)) (then ${inc('i')} ${set('c', byte)}))
        (if (i32.ne ${get('c')} (i32.const 10)) (then
          ${set('bad', `(select (i32.const 5) (i32.const 4) (i32.or (i32.eq ${get('c')} (i32.const 44)) (i32.le_u (i32.sub ${get('c')} (i32.const 48)) (i32.const 9))))`)}
          (br $malformed)))
        ${inc('i')}
        ${set('bad', `(i32.const ${JS})`)}
        (br_if $malformed (i64.ge_u ${get('ms')} (i64.const ${MS_END})))
        ${set('p', `(f64.div (f64.convert_i64_u ${get('price')}) (f64.const 10000))`)}
        (br_if $malformed (i32.eqz (i32.and (f64.ge ${get('p')} (f64.const ${MIN_PRICE})) (f64.le ${get('p')} (f64.const ${MAX_PRICE})))))
        ${set('sz', `(f64.convert_i64_u ${get('size')})`)}
        (br_if $malformed (f64.gt ${get('sz')} (f64.const ${MAX_VOLUME})))
        ${set('t', `(f64.sub (f64.add ${get('day')} (f64.convert_i64_u ${get('ms')}))
          (f64.load offset=${OFF} (i32.shl (i32.wrap_i64 (i64.div_u ${get('ms')} (i64.const ${HOUR}))) (i32.const 3))))`)}
        (br_if $malformed (i32.or (f64.lt ${get('t')} ${get('last')}) (f64.gt (f64.sub ${get('t')} ${get('last')}) (f64.const ${JUMP}))))
        ${set('last', get('t'))}
        (f64.store (i32.shl ${get('k')} (i32.const 3)) ${get('t')})
        (f64.store (i32.shl (i32.add ${get('k')} ${get('cap')}) (i32.const 3)) ${get('p')})
        (f64.store (i32.shl (i32.add ${get('k')} (i32.shl ${get('cap')} (i32.const 1))) (i32.const 3)) ${get('sz')})
        (i32.store8 (i32.add (i32.mul ${get('cap')} (i32.const 24)) ${get('k')})
          (select (i32.const 1)
            (i32.or ${VOLUME_ONLY.map((v) => `(i64.eq ${get('cond')} (i64.const ${v}))`).reduce((a, b) => `(i32.or ${a} ${b})`)} (i32.const 0))
            ${get('susp')}))
        ${inc('k')}
        (br $rows))
      (global.set $bad ${get('bad')}) (global.set $pos ${get('row')}) (global.set $at ${get('i')}) (global.set $line ${get('line')}) (global.set $last ${get('last')})
      (return ${get('k')})))
    (global.set $bad (i32.const -1)) (global.set $pos ${get('i')}) (global.set $at ${get('i')}) (global.set $line ${get('line')}) (global.set $last ${get('last')})
    ${get('k')}))`;

const wabt = await wabtInit();
const mod = wabt.parseWat('lean-scan.wat', wat, {});
mod.validate();
const bytes = Buffer.from(mod.toBinary({}).buffer);
const out = new URL('../src-main/engine/feed/lean-scan-wasm.ts', import.meta.url);
writeFileSync(out, '// Generated by scripts/build-wasm-feed.mjs (npm run wasm): the LEAN tick row scanner.\n' +
  `/** scan(i, end, max, cap, line, day, last) → rows, ${bytes.length} bytes */\nexport const LEAN_SCAN_WASM = '${bytes.toString('base64')}';\n` +
  `/** rows a scan takes at most (the output columns t, price, size f64 and volume-only u8 at 0) */\nexport const LEAN_SCAN_CAP = ${CAP};\n` +
  `/** byte offsets of the hour-offset table (26 f64) and of the input window */\nexport const LEAN_SCAN_OFF = ${OFF};\nexport const LEAN_SCAN_IN = ${IN};\n` +
  `/** \`bad\` of a row the JS scanner reads */\nexport const LEAN_SCAN_JS = ${JS};\n`);
console.log(`wrote ${out.pathname} (${bytes.length} bytes)`);
