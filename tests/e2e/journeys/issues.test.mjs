// 課題・今後の検討事項 (図16): a line of a meeting's record becomes an open 課題 in
// one step, is followed to 対応済み, and the overview counts what is still open;
// a checklist item cites the meeting as its evidence. All of it survives a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { byId, choose, cliBinary, click, freshDb, openApp, screenshot, startWithProject, textOf, tick, type, valueOf } from '../harness.mjs';

const DECISION = 'メニューの多様性を検討する';

test('a meeting decision becomes a 課題 that is followed until it is settled', async () => {
  const db = freshDb('issues');
  let app = await openApp(db);
  try {
    await startWithProject(app, 'メンタルヘルス不調予防モデル事業');
    await click(app, 'nav-meetings');
    await click(app, 'meeting-new');
    await choose(app, 'meeting-kind', 'チーム会議');
    await type(app, 'meeting-decisions', DECISION);
    await click(app, 'meeting-save');
    await (await byId(app, 'meeting-detail')).waitForDisplayed({ timeout: 10000 });

    // One step from the record.
    await click(app, 'decision-to-issue-0');
    assert.match(await textOf(app, 'meeting-notice'), /課題「メニューの多様性を検討する」を登録しました/);
    // An empty line is refused in Japanese, nothing is added.
    await click(app, 'raise-issue');
    assert.match(await textOf(app, 'raise-issue-error'), /課題を入力してください/);
    await type(app, 'raise-issue-text', '多職種連携（地域の医療機関や福祉機関との連携体制が未整備）');
    await click(app, 'raise-issue');
    await app.waitUntil(async () => /課題「多職種連携/.test(await textOf(app, 'meeting-notice')), { timeout: 10000 });

    await click(app, 'nav-issues');
    const titles = () =>
      app.execute(() => [...document.querySelectorAll('[data-testid="issue-row-title"]')].map((e) => e.textContent ?? ''));
    await app.waitUntil(async () => (await titles()).length === 2, { timeout: 10000 });
    assert.match(await textOf(app, 'issue-row'), /①.*メニューの多様性を検討する.*第1回チーム会議/s);
    await (await byId(app, 'issue-row-status')).selectByVisibleText('対応済み');
    await app.waitUntil(async () => (await valueOf(app, 'issue-row-status')) === '対応済み', { timeout: 10000 });

    await click(app, 'nav-overview');
    assert.match(await textOf(app, 'overview-issues'), /未対応・検討中 1件/);

    // A checklist item cites the meeting.
    await click(app, 'nav-checklist');
    await click(app, 'item-inner-7');
    await tick(app, 'item-meeting-');
    await type(app, 'item-recorder', '野村 智史');
    await click(app, 'item-save');
    const cited = () => {
      const c = JSON.parse(execFileSync(cliBinary, ['--db', db, 'checklist', 'メンタルヘルス', '--json'], { encoding: 'utf8' }));
      return c.items.find((i) => i.template_key === 'inner.7').meeting_ids.length;
    };
    await app.waitUntil(async () => cited() === 1, { timeout: 10000, timeoutMsg: 'the citation was not saved' });
    await screenshot(app, 'issues');
  } finally {
    await app.deleteSession();
  }

  app = await openApp(db);
  try {
    await click(app, 'nav-issues');
    await (await byId(app, 'issue-row')).waitForDisplayed({ timeout: 10000 });
    assert.equal(await valueOf(app, 'issue-row-status'), '対応済み');
    await click(app, 'nav-checklist');
    await click(app, 'item-inner-7');
    const box = await app.$('[data-testid^="item-meeting-"]');
    await box.waitForExist({ timeout: 5000 });
    assert.equal(await box.isSelected(), true, 'the meeting is still cited');
  } finally {
    await app.deleteSession();
  }
  // The CLI sees the same register.
  const out = execFileSync(cliBinary, ['--db', db, 'issues', 'メンタルヘルス', '--json'], { encoding: 'utf8' });
  const list = JSON.parse(out);
  assert.equal(list.length, 2);
  assert.equal(list[0].status, '対応済み');
  assert.ok(list[0].settled_on, 'settling set the day');
});
