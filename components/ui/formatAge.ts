/** kubectl's age format: 45s, 3m55s, 2h10m, 4d. Empty when the time is unknown. */
export function formatAge(fromIso: string | undefined, now: number): string {
  if (!fromIso || now === 0) return '';
  const seconds = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 1000));
  if (Number.isNaN(seconds)) return '';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h${minutes % 60 ? `${minutes % 60}m` : ''}`;
  return `${Math.floor(hours / 24)}d`;
}
