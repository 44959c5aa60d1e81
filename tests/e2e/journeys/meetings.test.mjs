// 会議と計画: a decision becomes a task that is completed and kept; a joint
// meeting shows under both projects of the program.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byId, choose, click, freshDb, gone, openApp, screenshot, startWithProject, textOf, type, valueOf } from '../harness.mjs';

const DECISION = '7/8 事業協力会社へ説明';

test('a meeting decision becomes a task, is completed, and all of it survives a restart', async () => {
  const db = freshDb('meetings');
  let app = await openApp(db);
  try {
    await startWithProject(app, '腰痛予防モデル事業');
    await type(app, 'member-add-name', '野村 智史');
    await choose(app, 'member-add-role', 'リーダー');
    await click(app, 'member-add-submit');
    await (await byId(app, 'member-row')).waitForDisplayed({ timeout: 10000 });

    await click(app, 'nav-meetings');
    await click(app, 'meeting-new');
    // 開催日 starts at today, shown in 和暦 as an office writes it (not 2026-12-07).
    await app.waitUntil(async () => /^令和\d+年\d+月\d+日$/.test(await valueOf(app, 'meeting-date')), {
      timeout: 5000,
      timeoutMsg: 'the date field does not show 和暦',
    });
    // Without a kind the meeting is refused in Japanese and the typing stays.
    await choose(app, 'meeting-kind', '選んでください');
    await type(app, 'meeting-decisions', DECISION);
    await click(app, 'meeting-save');
    assert.equal(await textOf(app, 'meeting-error-kind'), '会議の種類を選んでください');
    assert.equal(await valueOf(app, 'meeting-decisions'), DECISION);
    assert.equal(await (await byId(app, 'meeting-row')).isExisting(), false);

    await choose(app, 'meeting-kind', 'チーム会議');
    await type(app, 'meeting-minutes', '酒造会社の総務課長に事業の説明をすることになった。');
    await click(app, 'meeting-save');
    await (await byId(app, 'meeting-detail')).waitForDisplayed({ timeout: 10000 });
    assert.equal(await textOf(app, 'meeting-row-title'), '第1回チーム会議');

    await click(app, 'decision-to-task-0');
    await click(app, 'task-from-decision-save');
    assert.match(await textOf(app, 'meeting-notice'), /タスク「7\/8 事業協力会社へ説明」を作りました/);

    await click(app, 'nav-plan');
    assert.equal(await textOf(app, 'task-row-title'), DECISION);
    await (await byId(app, 'task-status')).selectByVisibleText('完了');
    await app.waitUntil(async () => (await valueOf(app, 'task-status')) === '完了', { timeout: 10000 });
  } finally {
    await app.deleteSession();
  }

  app = await openApp(db);
  try {
    await click(app, 'nav-meetings');
    assert.equal(await textOf(app, 'meeting-row-title'), '第1回チーム会議');
    assert.match(await textOf(app, 'meeting-row'), /決定 1件・タスク 1件/);
    await click(app, 'meeting-row');
    assert.match(await textOf(app, 'decision'), new RegExp(DECISION));
    await click(app, 'nav-plan');
    await (await byId(app, 'task-row')).waitForDisplayed({ timeout: 10000 });
    assert.equal(await valueOf(app, 'task-status'), '完了');
    assert.match(await textOf(app, 'task-row'), /第1回チーム会議/);
    await screenshot(app, 'plan');
  } finally {
    await app.deleteSession();
  }
});

test('a joint meeting recorded once appears under both projects', async () => {
  const db = freshDb('joint');
  const app = await openApp(db);
  try {
    await click(app, 'welcome-demo');
    await gone(app, 'welcome-dialog');
    await click(app, 'nav-meetings');
    await click(app, 'meeting-new');
    await choose(app, 'meeting-kind', '進捗会議');
    await type(app, 'meeting-title', '合同ふりかえり会議');
    const partner = await app.$('[data-testid^="meeting-joint-"]');
    await app.execute((e) => e.scrollIntoView({ block: 'center' }), partner);
    await partner.click();
    await click(app, 'meeting-save');
    await (await byId(app, 'meeting-detail')).waitForDisplayed({ timeout: 10000 });

    const titles = async () =>
      app.execute(() => [...document.querySelectorAll('[data-testid="meeting-row-title"]')].map((e) => e.textContent ?? ''));
    assert.ok((await titles()).some((t) => t.startsWith('合同ふりかえり会議') && t.includes('合同')));

    // Switch to the other team of the program.
    const other = await app.execute(() => {
      const select = document.querySelector('[data-testid="project-select"]');
      return [...select.options].find((o) => !o.selected)?.textContent ?? '';
    });
    await choose(app, 'project-select', other);
    await click(app, 'nav-meetings');
    await app.waitUntil(async () => (await titles()).some((t) => t.startsWith('合同ふりかえり会議')), {
      timeout: 10000,
      timeoutMsg: 'the joint meeting is missing under the other project',
    });
    await screenshot(app, 'meetings');
  } finally {
    await app.deleteSession();
  }
});
