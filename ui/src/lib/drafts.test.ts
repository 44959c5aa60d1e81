import { beforeEach, describe, expect, it } from 'vitest';
import type { CommandError } from './api';
import { closeForm, discard, focusFirstError, isDirtyForm, keepDraft, openForm, openRecordForm, pendingForm, saveForm, setDraftScope } from './drafts.svelte';

beforeEach(() => {
  localStorage.clear();
  setDraftScope('/data/a.sqlite3');
});

describe('drafts', () => {
  it('keeps typing when the page is left and gives it back on return', () => {
    const f = openForm('meeting:1:new', null, { minutes: '' });
    expect(isDirtyForm(f)).toBe(false);
    f.input.minutes = '議事録の途中';
    keepDraft(f);
    // The page is gone; coming back finds the form open with the text.
    const back = pendingForm<{ minutes: string }>('meeting:1:');
    expect(back?.input.minutes).toBe('議事録の途中');
    expect(back?.restored).toBe(true);
    expect(back?.id).toBe(null);
    expect(openForm('meeting:1:new', null, { minutes: '' }).input.minutes).toBe('議事録の途中');
  });

  it('forgets a draft once it matches the record again, and never shows another file\'s', () => {
    const f = openForm('task:2:7', 7, { title: '説明会' });
    f.input.title = '説明会（変更）';
    keepDraft(f);
    setDraftScope('/data/b.sqlite3');
    expect(pendingForm('task:2:')).toBeNull();
    setDraftScope('/data/a.sqlite3');
    expect(pendingForm('task:2:')?.id).toBe(7);
    f.input.title = '説明会';
    keepDraft(f);
    expect(pendingForm('task:2:')).toBeNull();
  });

  it('ignores a draft of an older version of the record', () => {
    const f = openForm('task:2:7', 7, { title: 'A' });
    f.input.title = 'B';
    keepDraft(f);
    // The record changed elsewhere since: the draft does not overwrite it.
    expect(openForm('task:2:7', 7, { title: 'C' }).input.title).toBe('C');
  });

  it('asks before a form with changes closes, and keeps it when the answer is no', async () => {
    const f = openForm('member:1:new', null, { name: '' });
    expect(await closeForm(f)).toBe(true);
    f.input.name = '田中';
    keepDraft(f);
    const asked = closeForm(f);
    expect(discard.resolve).not.toBeNull();
    discard.resolve!(false);
    expect(await asked).toBe(false);
    expect(pendingForm('member:1:')).not.toBeNull();
    const again = closeForm(f);
    discard.resolve!(true);
    expect(await again).toBe(true);
    expect(pendingForm('member:1:')).toBeNull();
  });
});

describe('focusFirstError', () => {
  // jsdom lays nothing out, so it has no scrollIntoView.
  Element.prototype.scrollIntoView ??= () => {};
  const settle = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));

  it('focuses the first field in error, and in a group the input the error is about', async () => {
    document.body.innerHTML = `<form id="f">
      <div class="field"><input id="date" aria-invalid="false" /></div>
      <div class="field invalid"><input id="start" aria-invalid="false" /><input id="end" aria-invalid="true" /></div>
      <div class="field invalid"><select id="format"></select></div>
    </form>`;
    focusFirstError(document.getElementById('f'));
    await settle();
    expect(document.activeElement?.id).toBe('end');
  });

  it('keeps page order: an earlier field in error comes before a later aria-invalid one', async () => {
    document.body.innerHTML = `<form id="f">
      <div class="field invalid"><select id="kind"></select></div>
      <div class="field invalid"><input id="start" /><input id="end" aria-invalid="true" /></div>
    </form>`;
    focusFirstError(document.getElementById('f'));
    await settle();
    expect(document.activeElement?.id).toBe('kind');
  });
});

describe('saveForm', () => {
  Element.prototype.scrollIntoView ??= () => {};
  const settle = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const refusal: CommandError = {
    code: 'validation',
    message: '入力内容を確認してください（1件）',
    fields: [{ field: 'kind', message: '会議の種類を選んでください' }],
  };

  /** A meeting form with typing kept as a draft, as a page has it. */
  function typed(id: number | null) {
    const f = openForm(`meeting:1:${id ?? 'new'}`, id, { kind: '', minutes: '' });
    f.input.minutes = '議事録の途中';
    keepDraft(f);
    return f;
  }

  it('ignores a second press of 保存 while the first is still writing', async () => {
    const f = typed(null);
    let creates = 0;
    let release: () => void = () => {};
    const steps = {
      create: async () => {
        creates++;
        await new Promise<void>((r) => (release = r));
        return { id: 9 };
      },
      error: () => {},
      saved: () => {},
    };
    const first = saveForm(f, steps);
    expect(await saveForm(f, steps)).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(creates).toBe(1);
    // Once done, the form can be saved again.
    const again = saveForm(f, steps);
    release();
    expect(await again).toBe(true);
    expect(creates).toBe(2);
  });

  it('writes a new record, drops the draft, clears the error, then closes and reloads', async () => {
    const f = typed(null);
    const steps: string[] = [];
    let error: CommandError | null = refusal;
    const ok = await saveForm(f, {
      create: async (input) => {
        steps.push(`create ${input.minutes}`);
        return { id: 9, title: '第1回チーム会議' };
      },
      update: async () => {
        throw new Error('not this one');
      },
      error: (e) => (error = e),
      saved: async (m) => {
        // The draft is gone before the page closes the form and reloads.
        steps.push(`saved ${m.id} draft:${pendingForm('meeting:1:') !== null}`);
        await Promise.resolve();
        steps.push('reloaded');
      },
    });
    expect(ok).toBe(true);
    expect(steps).toEqual(['create 議事録の途中', 'saved 9 draft:false', 'reloaded']);
    expect(error).toBeNull();
    expect(pendingForm('meeting:1:')).toBeNull();
  });

  it('updates the record the form edits, with the form input as plain data', async () => {
    const f = typed(4);
    const seen: Array<[number, unknown]> = [];
    await saveForm(f, {
      update: async (id, input) => {
        seen.push([id, input]);
      },
      error: () => {},
      saved: () => {},
    });
    expect(seen).toEqual([[4, { kind: '', minutes: '議事録の途中' }]]);
  });

  it('keeps the form and its draft on a refusal, shows the error and focuses the first field in error', async () => {
    document.body.innerHTML = `<form id="f">
      <div class="field"><textarea id="minutes"></textarea></div>
      <div class="field invalid"><select id="kind"></select></div>
    </form>`;
    const f = typed(null);
    let error: CommandError | null = null;
    let saved = 0;
    const ok = await saveForm(f, {
      create: async () => {
        throw refusal;
      },
      error: (e) => (error = e),
      focus: document.getElementById('f'),
      saved: () => saved++,
    });
    expect(ok).toBe(false);
    expect(saved).toBe(0);
    expect(error).toEqual(refusal);
    expect(f.input.minutes).toBe('議事録の途中');
    expect(pendingForm<{ minutes: string }>('meeting:1:')?.input.minutes).toBe('議事録の途中');
    await settle();
    expect(document.activeElement?.id).toBe('kind');
  });

  it('turns anything else thrown into a Japanese error, and leaves the focus alone without a form', async () => {
    document.body.innerHTML = '<button id="b">保存</button>';
    document.getElementById('b')!.focus();
    let error: CommandError | null = null;
    await saveForm(typed(3), {
      create: async () => ({}),
      error: (e) => (error = e),
      saved: () => {},
    });
    // A form given only `create` cannot change a record it was opened on.
    expect(error!.code).toBe('internal');
    expect(error!.message).toContain('予期しないエラー');
    await saveForm(typed(null), {
      create: async () => {
        throw new Error('boom');
      },
      error: (e) => (error = e),
      saved: () => {},
    });
    expect(error!.message).toContain('boom');
    await settle();
    expect(document.activeElement?.id).toBe('b');
    expect(pendingForm('meeting:1:')).not.toBeNull();
  });
});

describe('drafts across key order', () => {
  it('restores a draft whose form was made with its keys in another order', () => {
    // A draft left by a form made in the window, reopened on the form Rust makes.
    const f = openForm('meeting:1:5', 5, { kind: '会議', program_id: null, person_ids: [] as number[] });
    f.input.kind = '研修会';
    keepDraft(f);
    const back = openForm('meeting:1:5', 5, { person_ids: [] as number[], kind: '会議', program_id: null });
    expect(back.restored).toBe(true);
    expect(back.input.kind).toBe('研修会');
  });
});

describe('openRecordForm', () => {
  it('opens on the input read for the record, keyed by its page', async () => {
    const f = await openRecordForm('issue', () => 3, 7, async (id) => ({ title: `課題${id}` }));
    expect(f?.key).toBe('issue:3:7');
    expect(f?.id).toBe(7);
    expect(f?.input.title).toBe('課題7');
  });

  it('gives way when another project opened while the input was read', async () => {
    let project = 3;
    const f = await openRecordForm('issue', () => project, 7, async () => {
      project = 4;
      return { title: '課題' };
    });
    expect(f).toBeNull();
  });
});
