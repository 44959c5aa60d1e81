// 準備チェック and 関係機関 journeys: what a team records survives a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addStakeholder, byId, choose, click, freshDb, openApp, screenshot, startWithProject, textOf, tick, type } from '../harness.mjs';

const ORG = '山口産業保健総合支援センター';

test('an internal item marked 完了 with a linked stakeholder keeps its history after a restart', async () => {
  const db = freshDb('checklist');
  let app = await openApp(db);
  try {
    await startWithProject(app, '腰痛予防モデル事業');
    await addStakeholder(app, ORG, '産業保健総合支援センター');

    await click(app, 'nav-checklist');
    assert.equal(await textOf(app, 'completion-inner'), '内向き 0/8');
    await click(app, 'item-inner-1');
    await choose(app, 'item-status', '完了');
    await tick(app, 'item-stakeholder-');
    await type(app, 'item-recorder', '野村 智史');
    await click(app, 'item-save');
    await app.waitUntil(async () => (await textOf(app, 'completion-inner')) === '内向き 1/8', {
      timeout: 10000,
      timeoutMsg: 'completion did not change',
    });
  } finally {
    await app.deleteSession();
  }

  app = await openApp(db);
  try {
    await click(app, 'nav-checklist');
    assert.equal(await textOf(app, 'completion-inner'), '内向き 1/8');
    const row = await byId(app, 'item-inner-1');
    assert.match(await row.getText(), /完了/);
    await row.click();
    const entry = await textOf(app, 'history-entry');
    assert.match(entry, /未着手 → 完了/);
    assert.match(entry, /野村 智史/);
    assert.match(await textOf(app, 'item-linked-stakeholders'), new RegExp(ORG));
    await screenshot(app, 'checklist');
  } finally {
    await app.deleteSession();
  }
});

test('a contact-log entry moves the stakeholder state shown on the overview', async () => {
  const db = freshDb('contact');
  const app = await openApp(db);
  try {
    await startWithProject(app, '腰痛予防モデル事業');
    await addStakeholder(app, ORG, '産業保健総合支援センター');
    assert.equal(await textOf(app, 'org-row-state'), '未接触');

    // A newly added organisation opens at once, ready for its first contact.
    await (await byId(app, 'org-detail')).waitForDisplayed({ timeout: 5000 });
    // An entry without 内容 is refused in Japanese and nothing changes.
    await click(app, 'log-save');
    assert.equal(await textOf(app, 'log-error-summary'), '内容を入力してください');

    await type(app, 'log-summary', '事業の紹介と連携の打診。次回は協議の場を設ける');
    await choose(app, 'log-state', '協議中');
    await click(app, 'log-save');
    await (await byId(app, 'log-entry')).waitForDisplayed({ timeout: 10000 });
    assert.equal(await textOf(app, 'org-row-state'), '協議中');
    await screenshot(app, 'stakeholders');

    await click(app, 'nav-overview');
    assert.equal(await textOf(app, 'overview-stakeholder-state'), '協議中');
    assert.match(await textOf(app, 'overview-stakeholder'), new RegExp(ORG));
    await screenshot(app, 'overview');
  } finally {
    await app.deleteSession();
  }
});
