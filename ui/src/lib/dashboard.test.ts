import { describe, expect, it } from 'vitest';
import type { TeamRow } from './bindings/TeamRow';
import { nextSort, sortRows, sparkPoints } from './dashboard';

function row(society: string, completion: number, other: number | null, last: string | null): TeamRow {
  return {
    project_id: society.length,
    society,
    name: `${society}の事業`,
    theme: '腰痛予防',
    phase: null,
    inner_done: 0,
    inner_applicable: 8,
    outer_done: 0,
    outer_applicable: 8,
    completion,
    last_meeting: null,
    last_meeting_on: last,
    next_meeting: null,
    open_tasks: 0,
    overdue_tasks: 0,
    open_issues: 0,
    other_mean: other,
    self_mean: null,
    latest_gap: null,
    trend: [],
    weakest_strength: null,
    warnings: [],
    bundle_imported_at: null,
  };
}

const rows = [
  row('山口県理学療法士会', 69, 3.74, '2024-12-05'),
  row('茨城県作業療法士会', 44, 3.61, '2024-12-05'),
  row('北海道理学療法士会', 80, null, null),
];

describe('sortRows', () => {
  it('sorts by completion either way', () => {
    const up = sortRows(rows, { key: 'completion', descending: false }).map((r) => r.completion);
    expect(up).toEqual([44, 69, 80]);
    const down = sortRows(rows, { key: 'completion', descending: true }).map((r) => r.completion);
    expect(down).toEqual([80, 69, 44]);
  });

  it('keeps teams without a value last in both directions', () => {
    for (const descending of [true, false]) {
      const sorted = sortRows(rows, { key: 'other_mean', descending });
      expect(sorted[2].society).toBe('北海道理学療法士会');
    }
  });

  it('breaks ties by 士会 and leaves the input alone', () => {
    const sorted = sortRows(rows, { key: 'last_meeting_on', descending: true });
    const tied = ['山口県理学療法士会', '茨城県作業療法士会'].sort(new Intl.Collator('ja').compare);
    expect(sorted.map((r) => r.society)).toEqual([...tied, '北海道理学療法士会']);
    expect(rows[0].society).toBe('山口県理学療法士会');
  });
});

describe('nextSort', () => {
  it('turns the same column round and starts numbers high', () => {
    expect(nextSort({ key: 'society', descending: false }, 'completion')).toEqual({ key: 'completion', descending: true });
    expect(nextSort({ key: 'completion', descending: true }, 'completion')).toEqual({ key: 'completion', descending: false });
    expect(nextSort({ key: 'completion', descending: true }, 'society')).toEqual({ key: 'society', descending: false });
  });
});

describe('sparkPoints', () => {
  it('puts 4 at the top and 1 at the bottom', () => {
    expect(sparkPoints([4, 1], 40, 20, 0)).toBe('0.0,0.0 40.0,20.0');
  });
  it('draws nothing for one meeting', () => {
    expect(sparkPoints([3.5], 40, 20)).toBe('');
  });
});
