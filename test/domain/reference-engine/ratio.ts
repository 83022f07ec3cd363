/**
 * Oracle, never to be edited: a verbatim copy of functions/src/domain/indicators/ratio.ts at
 * commit fe2e4bd (before the engine was tuned), only its import paths changed.
 * network-indicators.oracle.test.ts proves the tuned engine answers exactly as this one did.
 */
/**
 * An indicator kept as its summed parts. Indicators are always ratios of sums, never averages of
 * percentages (DESIGN §7): months, quarters, years and the network all add parts, then divide.
 */
export interface Ratio {
  numerator: number;
  denominator: number;
}

export function addRatio(a: Ratio, b: Ratio): Ratio {
  return { numerator: a.numerator + b.numerator, denominator: a.denominator + b.denominator };
}

/** Sums the present parts; null when none is present (the indicator is then undefined). */
export function sumRatios(parts: Iterable<Ratio | null | undefined>): Ratio | null {
  let sum: Ratio | null = null;
  for (const part of parts) if (part) sum = sum ? addRatio(sum, part) : { ...part };
  return sum;
}
