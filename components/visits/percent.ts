/** A share (0..1) as a percentage with one decimal, or a dash when there is none. */
export function percent(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}
