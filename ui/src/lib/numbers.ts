// Numbers as people read them, rounded exactly as the library rounds them
// (src/analysis/round.rs): half away from zero, after floating-point noise is
// taken off, so the window, the PDF and the CLI print the same figure.

export function round(x: number, places: number): number {
  const f = 10 ** places;
  const scaled = x * f;
  const snapped = Math.sign(scaled) * (Math.round(Math.abs(scaled) * 1e6) / 1e6);
  const r = (Math.sign(snapped) * Math.round(Math.abs(snapped))) / f;
  return r === 0 ? 0 : r;
}

/** 「1.25」, or 「—」 when there is no value. */
export function fixed(x: number | null | undefined, places: number): string {
  return x == null ? '—' : round(x, places).toFixed(places);
}

/** 「+1.25」「-0.50」「+0.00」, or 「—」. */
export function signed(x: number | null | undefined, places: number): string {
  if (x == null) return '—';
  const r = round(x, places);
  return (r >= 0 ? '+' : '') + r.toFixed(places);
}
