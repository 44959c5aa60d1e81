// Paper answers typed with the keyboard only: each question takes numbers
// (1 = the first choice; for 5段階 the points 5–1; for a grid row 1 =
// 当てはまる, 2 = 当てはまらない) or text. The library checks every answer again.
import type { Answer } from './bindings/Answer';
import type { Question } from './bindings/Question';

/** The text fields of one sheet: one per question, one per row of a grid. */
export type Entry = Record<string, string>;

export function fieldKey(q: Question, row?: number): string {
  return row === undefined ? `${q.id}` : `${q.id}.${row}`;
}

export function emptyEntry(questions: Question[]): Entry {
  const e: Entry = {};
  for (const q of questions) {
    if (q.kind === '当てはまる／当てはまらない' || q.kind === 'マトリクス') {
      q.rows.forEach((_, r) => (e[fieldKey(q, r)] = ''));
    } else {
      e[fieldKey(q)] = '';
    }
  }
  return e;
}

/** Full-width digits as typed in 全角 mode → ASCII. */
function ascii(text: string): string {
  return text.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** The numbers in a field: 「1 3」「1,3」「13」 (single digits run together when every choice is one digit). */
export function numbers(text: string, max: number): number[] | null {
  const t = ascii(text).trim();
  if (t === '') return [];
  const parts = /[\s,、，]/.test(t) ? t.split(/[\s,、，]+/).filter(Boolean) : max < 10 ? [...t] : [t];
  const ns = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  return ns.every((n) => n >= 1 && n <= max) ? ns : null;
}

export type Read = { answer: Answer | null; error: string | null };

/** One question's fields as an answer (null when left empty), or why not. */
export function readAnswer(q: Question, entry: Entry): Read {
  const ok = (answer: Answer | null): Read => ({ answer, error: null });
  const bad = (error: string): Read => ({ answer: null, error });
  const field = entry[fieldKey(q)] ?? '';
  switch (q.kind) {
    case '単一選択': {
      const ns = numbers(field, q.options.length);
      if (ns === null || ns.length > 1) return bad(`1〜${q.options.length}の番号を1つ入力してください`);
      return ok(ns.length ? { type: 'choice', value: ns[0] - 1 } : null);
    }
    case '複数選択': {
      const ns = numbers(field, q.options.length);
      if (ns === null) return bad(`1〜${q.options.length}の番号を入力してください（複数はスペースで区切る）`);
      return ok(ns.length ? { type: 'choices', value: [...new Set(ns)].map((n) => n - 1).sort((a, b) => a - b) } : null);
    }
    case '5段階': {
      const ns = numbers(field, 5);
      if (ns === null || ns.length > 1) return bad('5〜1の点数を1つ入力してください');
      return ok(ns.length ? { type: 'score', value: ns[0] } : null);
    }
    case '当てはまる／当てはまらない': {
      const rows: (boolean | null)[] = [];
      for (let r = 0; r < q.rows.length; r++) {
        const ns = numbers(entry[fieldKey(q, r)] ?? '', 2);
        if (ns === null || ns.length > 1) return bad(`${r + 1}行目：1（${q.options[0]}）か2（${q.options[1]}）を入力してください`);
        rows.push(ns.length ? ns[0] === 1 : null);
      }
      return ok(rows.some((v) => v !== null) ? { type: 'rows', value: rows } : null);
    }
    case 'マトリクス': {
      const grid: number[][] = [];
      for (let r = 0; r < q.rows.length; r++) {
        const ns = numbers(entry[fieldKey(q, r)] ?? '', q.options.length);
        if (ns === null) return bad(`${r + 1}行目：1〜${q.options.length}の番号を入力してください`);
        grid.push([...new Set(ns)].map((n) => n - 1).sort((a, b) => a - b));
      }
      return ok(grid.some((r) => r.length) ? { type: 'grid', value: grid } : null);
    }
    default:
      return ok(field.trim() ? { type: 'text', value: field.trim() } : null);
  }
}

/** A recorded answer back as the fields typed (for editing a sheet). */
export function entryOf(questions: Question[], answers: { question_id: number; answer: Answer }[]): Entry {
  const e = emptyEntry(questions);
  for (const { question_id, answer } of answers) {
    const q = questions.find((x) => x.id === question_id);
    if (!q) continue;
    switch (answer.type) {
      case 'choice':
        e[fieldKey(q)] = String(answer.value + 1);
        break;
      case 'choices':
        e[fieldKey(q)] = answer.value.map((v) => v + 1).join(' ');
        break;
      case 'score':
        e[fieldKey(q)] = String(answer.value);
        break;
      case 'rows':
        answer.value.forEach((v, r) => (e[fieldKey(q, r)] = v === null ? '' : v ? '1' : '2'));
        break;
      case 'grid':
        answer.value.forEach((v, r) => (e[fieldKey(q, r)] = v.map((x) => x + 1).join(' ')));
        break;
      case 'text':
        e[fieldKey(q)] = answer.value;
        break;
    }
  }
  return e;
}

/**
 * Which questions the sheet asks, in order (the library's `Survey::asks`): a
 * question with skip logic only when the earlier question it names was asked
 * and answered with one of its options. `answers[i]` is question i's answer.
 */
export function askedOf(questions: Question[], answers: (Answer | null)[]): boolean[] {
  const asked: boolean[] = [];
  questions.forEach((q, i) => {
    const cond = q.show_if;
    if (!cond) {
      asked.push(true);
      return;
    }
    const k = questions.findIndex((x) => x.id === cond.question_id);
    const a = k >= 0 && k < i && asked[k] ? answers[k] : null;
    asked.push(a?.type === 'choice' && cond.options.includes(a.value));
  });
  return asked;
}
