// Form state helpers kept out of components so they can be unit-tested. Dates
// and their 和暦 names come from Rust (the wareki module); none are made here.
import type { Member } from './bindings/Member';
import type { MemberInput } from './bindings/MemberInput';
import type { ProjectInput } from './bindings/ProjectInput';
import type { Today } from './bindings/Today';

/** An empty project form whose period is the 年度 of `today` (from Rust). */
export function emptyProject(today: Today): ProjectInput {
  const fy = { start: today.fiscal_year_start, end: today.fiscal_year_end };
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

/** A keydown handler that runs `close` on Escape, as desktop dialogs do. */
export function onEscape(close: () => void): (e: KeyboardEvent) => void {
  return (e) => {
    // One Escape closes one thing: the innermost form that sees it. Without
    // this the same key press would reach the question it opens (a window
    // listener) and answer it at once.
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };
}

/** `ids` with `id` added (on) or removed (off), for checkbox lists. */
export function toggleId(ids: number[], id: number, on: boolean): number[] {
  const rest = ids.filter((x) => x !== id);
  return on ? [...rest, id] : rest;
}

/** The members a form offers: those still active, and any 退任 member the
 *  record already names (so editing an old record keeps them). */
export function offered(members: Member[], chosen: number | null | number[]): Member[] {
  const keep = Array.isArray(chosen) ? chosen : chosen === null ? [] : [chosen];
  return members.filter((m) => !m.retired || keep.includes(m.id));
}
