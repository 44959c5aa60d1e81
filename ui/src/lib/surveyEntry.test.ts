import { describe, expect, it } from 'vitest';
import type { Question } from './bindings/Question';
import { emptyEntry, entryOf, fieldKey, numbers, readAnswer } from './surveyEntry';

function q(id: number, kind: Question['kind'], options: string[], rows: string[] = []): Question {
  return { id, number: id, section: '', kind, text: `問${id}`, required: false, options, rows, answers: 0 };
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
