import { beforeEach, describe, expect, it } from 'vitest';
import { closeForm, discard, focusFirstError, isDirtyForm, keepDraft, openForm, pendingForm, setDraftScope } from './drafts.svelte';

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
