/** Row limits for the admin endpoints: 1-1000 (the seed caps recent results at 1000), 100 when not a number. */
export function clampLimit(limit: number): number {
  return Number.isFinite(limit) ? Math.min(1000, Math.max(1, Math.floor(limit))) : 100;
}
