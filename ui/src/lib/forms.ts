// Form state helpers kept out of components so they can be unit-tested.
import type { MemberInput } from './bindings/MemberInput';
import type { ProjectInput } from './bindings/ProjectInput';

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The 年度 (April–March) containing `today`, as the default project period. */
export function currentFiscalYear(today: Date): { start: string; end: string } {
  const y = today.getMonth() >= 3 ? today.getFullYear() : today.getFullYear() - 1;
  return { start: iso(y, 4, 1), end: iso(y + 1, 3, 31) };
}

export function emptyProject(today: Date = new Date()): ProjectInput {
  const fy = currentFiscalYear(today);
  return {
    name: '',
    program: '',
    prefecture: '',
    profession: '',
    theme: '',
    target: '',
    start_date: fy.start,
    end_date: fy.end,
    goal: '',
  };
}

export function emptyMember(): MemberInput {
  return { name: '', role: 'メンバー', affiliation: '', email: '' };
}

/** True when the form differs from what was loaded (ask before discarding). */
export function isDirty<T extends object>(current: T, saved: T): boolean {
  return JSON.stringify(current) !== JSON.stringify(saved);
}

/** Today as YYYY-MM-DD in local time (what <input type=date> holds). */
export function todayIso(today: Date = new Date()): string {
  return iso(today.getFullYear(), today.getMonth() + 1, today.getDate());
}

/** The 年度 (April–March) a YYYY-MM-DD date belongs to. */
export function fiscalYearOf(isoDate: string): number {
  const [y, m] = isoDate.split('-').map(Number);
  return m < 4 ? y - 1 : y;
}

const ERAS: Array<[string, number, number, number]> = [
  ['令和', 2019, 5, 1],
  ['平成', 1989, 1, 8],
  ['昭和', 1926, 12, 25],
];

/** The era and the year within it (1 = 元年), as the library's wareki module. */
function eraOf(y: number, m: number, d: number): { name: string; n: number } | null {
  const key = y * 10000 + m * 100 + d;
  for (const [name, ey, em, ed] of ERAS) {
    if (key >= ey * 10000 + em * 100 + ed) return { name, n: y - ey + 1 };
  }
  return null;
}

const yearText = (name: string, n: number) => `${name}${n === 1 ? '元' : n}年`;

/** 2024 → 令和6年度; 2019 → 令和元年度 (named by the era at its end, as in the library). */
export function fiscalYearLabel(fy: number): string {
  const end = eraOf(fy + 1, 3, 31);
  if (end && end.n > 1) return `${yearText(end.name, end.n - 1)}度`;
  const start = eraOf(fy, 4, 1);
  return start ? `${yearText(start.name, start.n)}度` : `${fy}年度`;
}

/** 2024-07-16 → 令和6年7月16日, for dates the UI shows (same rule as the library). */
export function wareki(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  const era = eraOf(y, m, d);
  return era ? `${yearText(era.name, era.n)}${m}月${d}日` : `${y}年${m}月${d}日`;
}

/** A keydown handler that runs `close` on Escape, as desktop dialogs do. */
export function onEscape(close: () => void): (e: KeyboardEvent) => void {
  return (e) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  };
}

/** `ids` with `id` added (on) or removed (off), for checkbox lists. */
export function toggleId(ids: number[], id: number, on: boolean): number[] {
  const rest = ids.filter((x) => x !== id);
  return on ? [...rest, id] : rest;
}

/** The form's view of a task (for editing one that exists). */
export function taskToInput(t: {
  title: string;
  owner_id: number | null;
  due_date: string | null;
  status: string;
  phase: number | null;
  meeting_id: number | null;
  milestone: boolean;
  note: string;
}) {
  return {
    title: t.title,
    owner_id: t.owner_id,
    due_date: t.due_date ?? '',
    status: t.status,
    phase: t.phase,
    meeting_id: t.meeting_id,
    milestone: t.milestone,
    note: t.note,
  };
}

