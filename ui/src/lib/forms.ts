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
