// The one meeting form on its two pages: each keeps its own ids and
// data-testids (the journeys find the fields by them), its kinds and examples,
// and a refused save shows the errors and lands on the first field in error.
import { afterEach, describe, expect, it } from 'vitest';
import { mount, unmount } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import MeetingsPage from './MeetingsPage.svelte';
import ProgramMeetings from './ProgramMeetings.svelte';
import { pendingForm, setDraftScope } from '../lib/drafts.svelte';
import { today } from '../lib/today.svelte';
import type { Catalog, Program, Project } from '../lib/api';

Element.prototype.scrollIntoView ??= () => {};
const settle = (ms = 50) => new Promise((r) => setTimeout(r, ms));

const catalog = {
  meeting_kinds: ['チーム会議', '進捗会議'],
  meeting_formats: ['オンライン', '対面'],
  limits: {},
  phases: [],
  task_statuses: [],
} as unknown as Catalog;
const project = (id: number) => ({ id, name: `事業${id}`, program: '地域保健', program_id: 1, society: `士会${id}`, phase: null }) as unknown as Project;
const refusal = {
  code: 'validation',
  message: '入力内容を確認してください（2件）',
  fields: [
    { field: 'kind', message: '会議の種類を選んでください' },
    { field: 'held_on', message: '開催日を入力してください' },
  ],
};

let target: HTMLElement;
let app: ReturnType<typeof mount> | null = null;

function open(component: typeof MeetingsPage | typeof ProgramMeetings, props: Record<string, unknown>) {
  localStorage.clear();
  setDraftScope('/data/a.sqlite3');
  today.value = { date: '2024-07-16' } as never;
  mockIPC((cmd) => {
    if (cmd === 'create_meeting') throw refusal;
    if (cmd === 'read_date') return { iso: null, text: '', wareki: '', ok: false };
    if (cmd === 'report_failure') return null;
    return [];
  });
  target = document.createElement('div');
  document.body.append(target);
  app = mount(component as never, { target, props });
}

afterEach(() => {
  if (app) unmount(app);
  app = null;
  target.remove();
  clearMocks();
});

const byTestid = (id: string) => target.querySelector<HTMLElement>(`[data-testid="${id}"]`);
/** The data-testids of the meeting form and everything in it. */
const testids = (form: string) => {
  const el = byTestid(form)!;
  return [el, ...el.querySelectorAll('[data-testid]')].map((e) => e.getAttribute('data-testid'));
};

async function refusedSave(prefix: string) {
  (byTestid(`${prefix}-form`) as HTMLFormElement).requestSubmit();
  await settle();
}

describe('MeetingForm', () => {
  it('on a team page: meeting-* testids, m-* ids, 「選んでください」, the team examples', async () => {
    open(MeetingsPage, { project: project(1), projects: [project(1), project(2)], catalog });
    await settle();
    byTestid('meeting-new')!.click();
    await settle();
    expect(testids('meeting-form')).toEqual(
      expect.arrayContaining(['meeting-form', 'meeting-kind', 'meeting-date', 'meeting-start', 'meeting-end', 'meeting-format', 'meeting-title', 'meeting-joint-2', 'meeting-minutes', 'meeting-decisions', 'meeting-cancel', 'meeting-save']),
    );
    for (const id of ['m-kind', 'm-date', 'm-start', 'm-format', 'm-title', 'm-guests', 'm-agenda', 'm-minutes', 'm-decisions']) {
      expect(target.querySelector(`#${id}`), id).not.toBeNull();
    }
    expect(target.querySelector('form h2')?.textContent).toBe('会議の記録');
    expect([...target.querySelectorAll('#m-kind option')].map((o) => o.textContent)).toEqual(['選んでください', 'チーム会議', '進捗会議']);
    expect(target.querySelector('#m-start')?.getAttribute('placeholder')).toBe('例：13:30');
    expect(target.textContent).toContain('空欄なら「第3回チーム会議」のように自動でつけます');

    const minutes = target.querySelector<HTMLTextAreaElement>('#m-minutes')!;
    minutes.value = '議事録の途中';
    minutes.dispatchEvent(new Event('input', { bubbles: true }));
    await refusedSave('meeting');
    expect(byTestid('meeting-form-error')).not.toBeNull();
    expect(byTestid('meeting-error-kind')?.textContent).toBe('会議の種類を選んでください');
    expect(byTestid('meeting-error-held_on')?.textContent).toBe('開催日を入力してください');
    await settle();
    expect(document.activeElement?.id).toBe('m-kind');
    expect(pendingForm<{ minutes: string }>('meeting:1:')?.input.minutes).toBe('議事録の途中');
  });

  it('on the program page: program-meeting-* testids, pm-* ids, the program kinds and examples', async () => {
    open(ProgramMeetings, { program: { id: 1, name: '地域保健' } as Program, catalog, onchange: () => {} });
    await settle();
    byTestid('program-meeting-new')!.click();
    await settle();
    expect(testids('program-meeting-form')).toEqual(
      expect.arrayContaining(['program-meeting-form', 'program-meeting-kind', 'program-meeting-date', 'program-meeting-title', 'program-meeting-decisions', 'program-meeting-save']),
    );
    expect(testids('program-meeting-form').some((t) => t?.startsWith('meeting-'))).toBe(false);
    for (const id of ['pm-kind', 'pm-date', 'pm-start', 'pm-format', 'pm-title', 'pm-guests', 'pm-agenda', 'pm-minutes', 'pm-decisions']) {
      expect(target.querySelector(`#${id}`), id).not.toBeNull();
    }
    expect(target.querySelector('form h3')?.textContent).toBe('会議の記録');
    expect(target.querySelector<HTMLSelectElement>('#pm-kind')?.options[0].textContent).toBe('事業協力者会議');
    expect(target.querySelector('#pm-start')?.getAttribute('placeholder')).toBe('例：18:30');
    expect(target.textContent).toContain('空欄なら「第2回事業協力者会議」のように自動でつけます');

    await refusedSave('program-meeting');
    expect(byTestid('program-meeting-error')).not.toBeNull();
    expect(byTestid('program-meeting-error-held_on')?.textContent).toBe('開催日を入力してください');
    await settle();
    expect(document.activeElement?.id).toBe('pm-kind');
  });
});
