/** Small formatting helpers for the send views. */
export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

export function duration(ms: number | null | undefined): string {
  if (ms == null) return '—';
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

export const STATE_LABEL: Record<string, string> = {
  'never-sent': 'never sent',
  sending: 'sending',
  acknowledged: 'acknowledged',
  failed: 'failed',
  unknown: 'unknown',
};
