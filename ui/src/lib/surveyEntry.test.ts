import { describe, expect, it } from 'vitest';
import type { Question } from './bindings/Question';
import { askedOf, emptyEntry, entryOf, fieldKey, numbers, readAnswer } from './surveyEntry';

function q(id: number, kind: Question['kind'], options: string[], rows: string[] = []): Question {
  return { id, number: id, section: '', kind, text: `問${id}`, required: false, options, rows, show_if: null, count_blank: false, answers: 0 };
}

const scale = q(4, '5段階', ['非常に満足', '満足', 'どちらともいえない', 'やや不満', '不満']);
const job = q(1, '単一選択', ['理学療法士（PT）', '作業療法士（OT）']);
const triggers = q(11, '複数選択', ['外部', '問題意識', '引き継ぎ']);
const barriers = q(14, '当てはまる／当てはまらない', ['当てはまる', '当てはまらない'], ['ヒト', 'モノ']);
const matrix = q(13, 'マトリクス', ['個別', '配信', '集団'], ['腰痛', '転倒']);

describe('numbers', () => {
  it('reads spaces, commas, full-width digits and run-together single digits', () => {
    expect(numbers('1 3', 3)).toEqual([1, 3]);
    expect(numbers('１、３', 3)).toEqual([1, 3]);
    expect(numbers('13', 3)).toEqual([1, 3]);
    expect(numbers('12', 47)).toEqual([12]);
    expect(numbers('4', 3)).toBeNull();
    expect(numbers('', 3)).toEqual([]);
  });
});

describe('readAnswer', () => {
  it('turns typed numbers into answers of the question\'s shape', () => {
    const e = { ...emptyEntry([scale, job, triggers, barriers, matrix]) };
    e[fieldKey(scale)] = '5';
    e[fieldKey(job)] = '2';
    e[fieldKey(triggers)] = '3 1';
    e[fieldKey(barriers, 0)] = '1';
    e[fieldKey(barriers, 1)] = '2';
    e[fieldKey(matrix, 1)] = '2 3';
    expect(readAnswer(scale, e).answer).toEqual({ type: 'score', value: 5 });
    expect(readAnswer(job, e).answer).toEqual({ type: 'choice', value: 1 });
    expect(readAnswer(triggers, e).answer).toEqual({ type: 'choices', value: [0, 2] });
    expect(readAnswer(barriers, e).answer).toEqual({ type: 'rows', value: [true, false] });
    expect(readAnswer(matrix, e).answer).toEqual({ type: 'grid', value: [[], [1, 2]] });
  });

  it('says what is wrong in Japanese and leaves empty questions unanswered', () => {
    const e = emptyEntry([scale, job]);
    expect(readAnswer(scale, e)).toEqual({ answer: null, error: null });
    e[fieldKey(scale)] = '6';
    expect(readAnswer(scale, e).error).toBe('5〜1の点数を1つ入力してください');
    e[fieldKey(job)] = '1 2';
    expect(readAnswer(job, e).error).toBe('1〜2の番号を1つ入力してください');
  });

  it('round-trips a recorded sheet for editing', () => {
    const e = entryOf([scale, triggers, barriers], [
      { question_id: 4, answer: { type: 'score', value: 4 } },
      { question_id: 11, answer: { type: 'choices', value: [0, 2] } },
      { question_id: 14, answer: { type: 'rows', value: [null, true] } },
    ]);
    expect(e[fieldKey(scale)]).toBe('4');
    expect(e[fieldKey(triggers)]).toBe('1 3');
    expect(e[fieldKey(barriers, 0)]).toBe('');
    expect(readAnswer(barriers, e).answer).toEqual({ type: 'rows', value: [null, true] });
  });
});

describe('askedOf', () => {
  // 問10 → 問11 (検討している), 問12 → 問13 (取り組めている) and 問14 (取り組めていない).
  const considering = q(10, '単一選択', ['検討している', '検討していない']);
  const why = { ...q(11, '複数選択', ['外部', '問題意識']), show_if: { question_id: 10, number: 10, options: [0], text: '' } };
  const working = q(12, '単一選択', ['取り組めている', '取り組めていない']);
  const what = { ...q(13, 'マトリクス', ['個別'], ['腰痛']), show_if: { question_id: 12, number: 12, options: [0], text: '' } };
  const barriersOf = { ...barriers, show_if: { question_id: 12, number: 12, options: [1], text: '' } };
  const after = { ...q(15, '短い記述', []), show_if: { question_id: 11, number: 11, options: [0], text: '' } };
  const all = [considering, why, working, what, barriersOf, after];

  it('asks a question only after the answer that leads to it', () => {
    const choice = (value: number) => ({ type: 'choice' as const, value });
    expect(askedOf(all, [null, null, null, null, null, null])).toEqual([true, false, true, false, false, false]);
    expect(askedOf(all, [choice(0), null, choice(1), null, null, null])).toEqual([true, true, true, false, true, false]);
    expect(askedOf(all, [choice(1), null, choice(0), null, null, null])).toEqual([true, false, true, true, false, false]);
  });

  it('asks nothing after a question that names a non-choice answer', () => {
    // 問15 names 問11, a 複数選択 question: its answer is never a single choice.
    const answers = [{ type: 'choice' as const, value: 0 }, { type: 'choices' as const, value: [0] }, null, null, null, null];
    expect(askedOf(all, answers)[5]).toBe(false);
  });
});
