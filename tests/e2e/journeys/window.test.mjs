// Journey: the window's feel. Typed text survives leaving a page, Escape asks
// before it throws anything away, a failed save shows every error at once and
// lands on the first, dates are typed the way offices write them, slips get a
// warning, the library's reason for a refusal stays in view, dialogs hold the
// focus, and the window fits a 1024×640 screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  audit,
  byId,
  choose,
  click,
  freshDb,
  gone,
  layoutProblems,
  openApp,
  screenshot,
  startWithProject,
  textOf,
  type,
  valueOf,
} from '../harness.mjs';

const MINUTES = '事業の目的を共有し、役割分担を決めた。次回までに説明資料の案を作る。';

/** The focused element's id and whether it is inside the window's viewport. */
function focused(app) {
  return app.execute(() => {
    const el = document.activeElement;
    const r = el?.getBoundingClientRect();
    return {
      id: el?.id ?? '',
      testid: el?.getAttribute('data-testid') ?? '',
      inView: !!r && r.top >= 0 && r.bottom <= window.innerHeight,
    };
  });
}

/** Types `typed` into a date field and returns the reading shown beside it. */
async function readingOf(app, id, typed) {
  const field = await byId(app, id);
  const reading = () => app.execute((sel) => document.querySelector(sel)?.textContent ?? '', `[data-testid="${id}-reading"]`);
  // As a user empties a field (WebDriver's clear sends no input event here).
  await field.click();
  await app.keys(['Control', 'a']);
  await app.keys('Backspace');
  await app.waitUntil(async () => (await reading()) === '', { timeout: 5000, timeoutMsg: 'the reading did not clear' });
  await field.addValue(typed);
  await app.waitUntil(async () => (await reading()) !== '', { timeout: 5000, timeoutMsg: `no reading for ${typed}` });
  return reading();
}

test('typed 議事録 survives leaving the page; Escape asks; a failed save shows every error and lands on the first', async () => {
  const db = freshDb('window-drafts');
  const app = await openApp(db);
  try {
    await startWithProject(app, '職場の腰痛予防モデル事業');
    await click(app, 'nav-meetings');
    assert.match(await textOf(app, 'meeting-empty'), /まだ会議の記録はありません/);

    // Typing, then the sidebar: the text comes back with the form.
    await click(app, 'meeting-new');
    await type(app, 'meeting-minutes', MINUTES);
    await click(app, 'nav-plan');
    await gone(app, 'meeting-form');
    await click(app, 'nav-meetings');
    await (await byId(app, 'draft-restored')).waitForDisplayed({ timeout: 5000 });
    assert.equal(await valueOf(app, 'meeting-minutes'), MINUTES);

    // Escape asks; キャンセル keeps everything.
    await (await byId(app, 'meeting-minutes')).click();
    await app.keys('Escape');
    await (await byId(app, 'confirm-dialog')).waitForDisplayed({ timeout: 5000 });
    await click(app, 'confirm-cancel');
    await gone(app, 'confirm-dialog');
    assert.equal(await valueOf(app, 'meeting-minutes'), MINUTES);

    // Dates as offices write them, read back as 和暦 with the weekday.
    for (const typed of ['令和6年7月16日', 'R6.7.16', '２０２４／７／１６', '2024-07-16']) {
      assert.equal(await readingOf(app, 'meeting-date', typed), '令和6年7月16日（火）', typed);
    }
    assert.match(await readingOf(app, 'meeting-date', '7月40日'), /日付として読めません/);
    const placeholder = await (await byId(app, 'meeting-date')).getAttribute('placeholder');
    assert.match(placeholder, /^例：/, 'the placeholder says it is an example');

    // A failed save: every field error at once, focus on the first, in view.
    await choose(app, 'meeting-kind', '選んでください');
    await click(app, 'meeting-save');
    await (await byId(app, 'meeting-error-kind')).waitForDisplayed({ timeout: 5000 });
    assert.ok(await (await byId(app, 'meeting-error-held_on')).isDisplayed(), 'the date error shows with the kind error');
    await app.waitUntil(async () => (await focused(app)).id === 'm-kind', {
      timeout: 5000,
      timeoutMsg: 'focus did not move to the first field in error',
    });
    assert.ok((await focused(app)).inView, 'the first field in error is scrolled into view');
    await audit(app, 'meeting-form-errors');

    // A date outside the project's period is a warning, not a refusal.
    await choose(app, 'meeting-kind', 'チーム会議');
    await readingOf(app, 'meeting-date', '令和6年7月16日');
    await (await byId(app, 'meeting-warning')).waitForDisplayed({ timeout: 5000 });
    assert.match(await textOf(app, 'meeting-warning'), /期間/);
    await click(app, 'meeting-save');
    await gone(app, 'meeting-form');
    assert.equal((await app.$$('[data-testid="meeting-row"]')).length, 1);

    // Escape and 破棄: the form closes and no draft comes back.
    await click(app, 'meeting-new');
    await type(app, 'meeting-minutes', '捨てる下書き');
    await (await byId(app, 'meeting-minutes')).click();
    await app.keys('Escape');
    await click(app, 'confirm-ok');
    await gone(app, 'meeting-form');
    await click(app, 'nav-overview');
    await click(app, 'nav-meetings');
    assert.equal(await (await byId(app, 'meeting-form')).isExisting(), false);
  } finally {
    await app.deleteSession();
  }
});

test('a second リーダー gets a warning, and the library says why a meeting with evaluations stays', async () => {
  const db = freshDb('window-warnings');
  const app = await openApp(db);
  try {
    await click(app, 'welcome-demo');
    await gone(app, 'welcome-dialog');
    await click(app, 'nav-overview');
    await (await byId(app, 'overview-evaluation')).waitForDisplayed({ timeout: 10000 });

    await type(app, 'member-add-name', '早瀬 透');
    await choose(app, 'member-add-role', 'リーダー');
    await (await byId(app, 'member-warning')).waitForDisplayed({ timeout: 5000 });
    assert.match(await textOf(app, 'member-warning'), /リーダー/);

    await click(app, 'nav-meetings');
    const index = await app.execute(() =>
      [...document.querySelectorAll('[data-testid="meeting-row"]')].findIndex((r) => r.textContent?.includes('第2回進捗会議')),
    );
    assert.ok(index >= 0, 'the demo has a 第2回進捗会議');
    const row = (await app.$$('[data-testid="meeting-row"]'))[index];
    await app.execute((e) => e.scrollIntoView({ block: 'center' }), row);
    await row.click();
    await click(app, 'meeting-delete');
    await click(app, 'confirm-ok');
    const reason = await textOf(app, 'confirm-error');
    assert.match(reason, /評価が\d+件あります/);
    await screenshot(app, 'window-delete-refused');
  } finally {
    await app.deleteSession();
  }
});

test('the welcome holds the keyboard focus until it is answered', async () => {
  const db = freshDb('window-focus');
  const app = await openApp(db);
  try {
    await (await byId(app, 'welcome-dialog')).waitForDisplayed({ timeout: 5000 });
    for (let i = 0; i < 8; i++) {
      await app.keys(i % 3 === 2 ? ['Shift', 'Tab'] : 'Tab');
      const inside = await app.execute(() => !!document.activeElement?.closest('[data-testid="welcome-dialog"]'));
      assert.ok(inside, `Tab ${i + 1} left the welcome dialog`);
    }
  } finally {
    await app.deleteSession();
  }
});

test('on a 1024×640 screen the window opens inside it and every page fits', async () => {
  const db = freshDb('window-small');
  const app = await openApp(db, { small: true });
  try {
    const rect = await app.getWindowRect();
    assert.ok(rect.width <= 1024 && rect.height <= 640, `window ${rect.width}×${rect.height}`);
    assert.ok(rect.x >= 0 && rect.y >= 0, `window at ${rect.x},${rect.y}`);
    await click(app, 'welcome-demo', { audit: false });
    await gone(app, 'welcome-dialog');
    const keys = await app.execute(() =>
      [...document.querySelectorAll('[data-testid^="nav-"]')].map((e) => e.getAttribute('data-testid')),
    );
    assert.ok(keys.length >= 10, keys.join());
    for (const key of keys) {
      await click(app, key, { audit: false });
      await app.execute(() => new Promise((r) => setTimeout(r, 300)));
      assert.deepEqual(await layoutProblems(app), [], key);
      await screenshot(app, `screens/window/small-screen-${key.slice(4)}`);
    }
  } finally {
    await app.deleteSession();
  }
});
