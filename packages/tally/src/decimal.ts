/**
 * Exact fixed-point decimals on BigInt: a value is an integer number of units of 10^-places.
 * Counting rules prescribe their precision and rounding (Scottish STV: 5 decimal places,
 * truncated; Meek as in stv-rs: 9 places); every operation here says how it rounds, and
 * nothing ever goes through a float.
 */
export class Decimal {
  private constructor(
    /** The value in units of 10^-places. */
    readonly units: bigint,
    readonly places: number,
  ) {}

  static zero(places: number): Decimal {
    return new Decimal(0n, places);
  }

  static fromUnits(units: bigint, places: number): Decimal {
    return new Decimal(units, places);
  }

  static fromInteger(value: number | bigint, places: number): Decimal {
    return new Decimal(BigInt(value) * 10n ** BigInt(places), places);
  }

  /** Parses "123", "-1.5", "0.00001"; more digits than `places` are refused, not rounded. */
  static parse(text: string, places: number): Decimal {
    const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
    if (match === null) throw new RangeError(`not a decimal number: ${JSON.stringify(text)}`);
    const [, sign, whole, fraction = ''] = match;
    if (fraction.length > places) throw new RangeError(`${text} has more than ${places} decimal places`);
    const units = BigInt((whole ?? '0') + fraction.padEnd(places, '0'));
    return new Decimal(sign === '-' ? -units : units, places);
  }

  private same(other: Decimal): void {
    if (other.places !== this.places) throw new RangeError(`decimals of ${this.places} and ${other.places} places`);
  }

  add(other: Decimal): Decimal {
    this.same(other);
    return new Decimal(this.units + other.units, this.places);
  }

  sub(other: Decimal): Decimal {
    this.same(other);
    return new Decimal(this.units - other.units, this.places);
  }

  /** this × other, truncated toward zero to `places`. */
  mulTrunc(other: Decimal): Decimal {
    this.same(other);
    return new Decimal((this.units * other.units) / 10n ** BigInt(this.places), this.places);
  }

  /** this × other, rounded up (toward +∞) to `places`. */
  mulCeil(other: Decimal): Decimal {
    this.same(other);
    return new Decimal(ceilDiv(this.units * other.units, 10n ** BigInt(this.places)), this.places);
  }

  /** this × n for an integer n: exact. */
  mulInt(n: number | bigint): Decimal {
    return new Decimal(this.units * BigInt(n), this.places);
  }

  /** this ÷ other, truncated toward zero to `places`. */
  divTrunc(other: Decimal): Decimal {
    this.same(other);
    if (other.units === 0n) throw new RangeError('division by zero');
    return new Decimal((this.units * 10n ** BigInt(this.places)) / other.units, this.places);
  }

  /** this ÷ other, rounded up (toward +∞) to `places`. */
  divCeil(other: Decimal): Decimal {
    this.same(other);
    if (other.units === 0n) throw new RangeError('division by zero');
    return new Decimal(ceilDiv(this.units * 10n ** BigInt(this.places), other.units), this.places);
  }

  /** this ÷ n for a positive integer n, truncated. */
  divIntTrunc(n: number | bigint): Decimal {
    return new Decimal(this.units / BigInt(n), this.places);
  }

  compare(other: Decimal): -1 | 0 | 1 {
    this.same(other);
    return this.units < other.units ? -1 : this.units > other.units ? 1 : 0;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  /** The same value with `places` decimals: more places is exact; fewer truncates. */
  withPlaces(places: number): Decimal {
    if (places >= this.places) return new Decimal(this.units * 10n ** BigInt(places - this.places), places);
    return new Decimal(this.units / 10n ** BigInt(this.places - places), places);
  }

  /** The integer part (truncated toward zero). */
  floor(): bigint {
    const scale = 10n ** BigInt(this.places);
    const q = this.units / scale;
    return this.units < 0n && q * scale !== this.units ? q - 1n : q;
  }

  /** "1234.56789" with exactly `places` decimals (or `digits` if given, truncating). */
  toString(digits: number = this.places): string {
    const value = digits === this.places ? this : this.withPlaces(digits);
    const negative = value.units < 0n;
    const abs = (negative ? -value.units : value.units).toString().padStart(digits + 1, '0');
    const whole = abs.slice(0, abs.length - digits);
    const fraction = abs.slice(abs.length - digits);
    return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
  }
}

function ceilDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return q * b === a || a < 0n !== b < 0n ? q : q + 1n;
}
