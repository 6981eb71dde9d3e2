// exp and log from +, -, *, / only. ECMAScript leaves Math.exp/Math.log precision to the
// engine, so a view rendered on another engine or Node version could differ by an ulp and
// flip a rounded pixel; IEEE-754 basic operations are exact-rounded everywhere.

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;

function scaleByPowerOfTwo(value: number, exponent: number): number {
  let result = value;
  for (let e = exponent; e > 0; e--) result *= 2;
  for (let e = exponent; e < 0; e++) result *= 0.5;
  return result;
}

/** e^x, deterministic across engines (relative error below 1e-15). */
export function detExp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.79) return Infinity;
  if (x < -745.2) return 0;
  const k = Math.round(x / Math.LN2);
  const r = x - k * LN2_HI - k * LN2_LO;
  // |r| <= ln2/2, so the Taylor series has converged to double precision by degree 17.
  let term = 1;
  let sum = 1;
  for (let n = 1; n <= 17; n++) {
    term = (term * r) / n;
    sum += term;
  }
  return scaleByPowerOfTwo(sum, k);
}

/** Natural logarithm, deterministic across engines (absolute error below 1e-15 near 1). */
export function detLog(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let mantissa = x;
  let exponent = 0;
  while (mantissa >= 2) {
    mantissa *= 0.5;
    exponent++;
  }
  while (mantissa < 1) {
    mantissa *= 2;
    exponent--;
  }
  if (mantissa > Math.SQRT2) {
    mantissa *= 0.5;
    exponent++;
  }
  // log(m) = 2 atanh(s) with |s| <= 0.172: the odd series converges fast.
  const s = (mantissa - 1) / (mantissa + 1);
  const s2 = s * s;
  let power = s;
  let series = 0;
  for (let n = 1; n <= 31; n += 2) {
    series += power / n;
    power *= s2;
  }
  return exponent * LN2_HI + (exponent * LN2_LO + 2 * series);
}
