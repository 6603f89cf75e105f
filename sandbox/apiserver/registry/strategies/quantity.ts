/** Kubernetes resource quantities ("1Gi", "500m", "2e3") as numbers, for comparisons and validation. */

const binarySuffixes: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const decimalSuffixes: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };

const quantityPattern = /^([+-]?[0-9.]+)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?[0-9]+)?$/;

/** The value of a quantity, or undefined when it is not one (resource.ParseQuantity fails). */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const match = quantityPattern.exec(value.trim());
  if (!match || match[1] === '.' || !/[0-9]/.test(match[1])) return undefined;
  const base = Number(match[1]);
  if (Number.isNaN(base)) return undefined;
  const suffix = match[2] ?? '';
  if (suffix in binarySuffixes) return base * binarySuffixes[suffix];
  if (suffix in decimalSuffixes) return base * decimalSuffixes[suffix];
  return base * 10 ** Number(suffix.slice(1));
}

export const quantityFormatError = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
