import { describe, expect, it } from 'vitest';
import { currentFiscalYear, emptyProject, fiscalYearLabel, fiscalYearOf, isDirty, onEscape, todayIso, toggleId, wareki } from './forms';

describe('currentFiscalYear', () => {
  it('runs April to March', () => {
    expect(currentFiscalYear(new Date(2024, 3, 1))).toEqual({ start: '2024-04-01', end: '2025-03-31' });
    expect(currentFiscalYear(new Date(2025, 2, 31))).toEqual({ start: '2024-04-01', end: '2025-03-31' });
    expect(currentFiscalYear(new Date(2026, 10, 25))).toEqual({ start: '2026-04-01', end: '2027-03-31' });
  });
});

describe('emptyProject', () => {
  it('defaults the period to the current 年度 and leaves choices empty', () => {
    const p = emptyProject(new Date(2024, 6, 16));
    expect(p.start_date).toBe('2024-04-01');
    expect(p.end_date).toBe('2025-03-31');
    expect(p.prefecture).toBe('');
  });
});

describe('isDirty', () => {
  it('notices any change', () => {
    const a = emptyProject(new Date(2024, 6, 16));
    expect(isDirty(a, { ...a })).toBe(false);
    expect(isDirty({ ...a, name: '腰痛予防' }, a)).toBe(true);
  });
});

describe('wareki', () => {
  it('follows the era boundaries', () => {
    expect(wareki('2019-04-30')).toBe('平成31年4月30日');
    expect(wareki('2019-05-01')).toBe('令和元年5月1日');
    expect(wareki('2024-07-16')).toBe('令和6年7月16日');
  });
  it('pads today for date inputs', () => {
    expect(todayIso(new Date(2024, 6, 6))).toBe('2024-07-06');
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
});

describe('fiscal years', () => {
  it('name the 年度 as the library does', () => {
    expect(fiscalYearLabel(2024)).toBe('令和6年度');
    expect(fiscalYearLabel(2019)).toBe('令和元年度');
    expect(fiscalYearLabel(2018)).toBe('平成30年度');
    expect(fiscalYearLabel(1988)).toBe('昭和63年度');
    expect(fiscalYearOf('2025-03-31')).toBe(2024);
    expect(fiscalYearOf('2025-04-01')).toBe(2025);
  });
});
