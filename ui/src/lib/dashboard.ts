// 事業全体: how the secretariat's table sorts and how a team's trend is drawn.
import type { TeamRow } from './bindings/TeamRow';

export type SortKey =
  | 'society'
  | 'phase'
  | 'completion'
  | 'last_meeting_on'
  | 'open_tasks'
  | 'open_issues'
  | 'other_mean'
  | 'latest_gap'
  | 'warnings';

export interface Sort {
  key: SortKey;
  descending: boolean;
}

function value(r: TeamRow, key: SortKey): string | number | null {
  switch (key) {
    case 'society':
      return r.society;
    case 'phase':
      return r.phase;
    case 'completion':
      return r.completion;
    case 'last_meeting_on':
      return r.last_meeting_on;
    case 'open_tasks':
      return r.overdue_tasks * 1000 + r.open_tasks;
    case 'open_issues':
      return r.open_issues;
    case 'other_mean':
      return r.other_mean;
    case 'latest_gap':
      return r.latest_gap;
    case 'warnings':
      return r.warnings.length;
  }
}

/**
 * The rows in the order asked for. Teams without a value (no meeting yet, no
 * evaluation) go last either way, so sorting never hides them among the best;
 * ties keep the 士会 order.
 */
export function sortRows(rows: TeamRow[], sort: Sort): TeamRow[] {
  const collator = new Intl.Collator('ja');
  return [...rows].sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
    } else {
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      if (c !== 0) return sort.descending ? -c : c;
    }
    return collator.compare(a.society, b.society);
  });
}

/** The next sort after a click on a column's header: the same column turns round. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, descending: !current.descending };
  // Numbers read best-first (highest completion on top); names A→Z.
  return { key, descending: key !== 'society' && key !== 'phase' };
}

/**
 * The points of a small trend line (the 4-point rating scale, 1 at the
 * bottom, 4 at the top) in a `width`×`height` box; empty for fewer than two.
 */
export function sparkPoints(trend: number[], width: number, height: number, pad = 2): string {
  if (trend.length < 2) return '';
  const step = (width - 2 * pad) / (trend.length - 1);
  const y = (v: number) => pad + ((4 - Math.min(4, Math.max(1, v))) / 3) * (height - 2 * pad);
  return trend.map((v, i) => `${(pad + i * step).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
}
