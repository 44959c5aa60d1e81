import { describe, expect, it } from 'vitest';
import type { Today } from './bindings/Today';
import { emptyProject, offered, onEscape, toggleId } from './forms';

// What the `today` command answers on 2024-07-16 (the 和暦 and 年度 rules are
// tested in Rust, in src/wareki.rs).
const today: Today = {
  date: '2024-07-16',
  label: '令和6年7月16日',
  fiscal_year: 2024,
  fiscal_year_label: '令和6年度',
  fiscal_year_start: '2024-04-01',
  fiscal_year_end: '2025-03-31',
};

describe('emptyProject', () => {
  it('defaults the period to the current 年度 and leaves choices empty', () => {
    const p = emptyProject(today);
    expect(p.start_date).toBe('2024-04-01');
    expect(p.end_date).toBe('2025-03-31');
    expect(p.prefecture).toBe('');
  });
});

describe('toggleId and onEscape', () => {
  it('adds once and removes', () => {
    expect(toggleId([1, 2], 3, true)).toEqual([1, 2, 3]);
    expect(toggleId([1, 2], 2, true)).toEqual([1, 2]);
    expect(toggleId([1, 2], 1, false)).toEqual([2]);
  });
  it('closes only on Escape', () => {
    let closed = 0;
    const handler = onEscape(() => closed++);
    handler(new KeyboardEvent('keydown', { key: 'Enter' }));
    handler(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(closed).toBe(1);
  });
  it('lets one Escape close only the innermost form, not the question it opens', () => {
    // A form inside the page; the question listens on the window, as ConfirmDialog does.
    const form = document.createElement('form');
    const field = document.createElement('textarea');
    form.append(field);
    document.body.append(form);
    let formClosed = 0;
    let questionAnswered = 0;
    form.addEventListener('keydown', onEscape(() => formClosed++));
    const onWindow = onEscape(() => questionAnswered++);
    window.addEventListener('keydown', onWindow);
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    window.removeEventListener('keydown', onWindow);
    form.remove();
    expect([formClosed, questionAnswered]).toEqual([1, 0]);
  });
});

describe('offered', () => {
  const m = (id: number, retired: boolean) =>
    ({ id, project_id: 1, name: `m${id}`, role: 'メンバー', affiliation: '', email: '', retired }) as const;
  it('leaves out 退任 members unless the record already names them', () => {
    const team = [m(1, false), m(2, true), m(3, true)];
    expect(offered(team, null).map((x) => x.id)).toEqual([1]);
    expect(offered(team, 2).map((x) => x.id)).toEqual([1, 2]);
    expect(offered(team, [3]).map((x) => x.id)).toEqual([1, 3]);
  });
});
