// 伴走ガイド: on the demo, a suggestion on the overview (山口's weakest 強み) says why it is there,
// becomes a task in one step and shows in 計画; 会議の準備 for a meeting is
// shown in the window and exported as a one-page A4 handout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { byId, choose, cli, click, freshDb, gone, openApp, saveDir, screenshot, textOf } from '../harness.mjs';

async function exported(app) {
  await app.waitUntil(
    async () => (await (await byId(app, 'export-done')).isExisting()) || (await (await byId(app, 'export-error')).isExisting()),
    { timeout: 30000, timeoutMsg: 'neither done nor an error' },
  );
  const failed = await (await byId(app, 'export-error')).isExisting();
  assert.equal(failed, false, failed ? await textOf(app, 'export-error') : '');
  return (await textOf(app, 'export-done')).match(/書き出しました：(.+?)（/)?.[1] ?? '';
}

test('a suggestion becomes a task and the meeting handout is exported', async () => {
  assert.ok(saveDir, 'scripts/e2e.sh sets BANSOU_TEST_SAVE_DIR');
  const db = freshDb('guide');
  let handout = '';
  const app = await openApp(db);
  try {
    await click(app, 'welcome-demo');
    await gone(app, 'welcome-dialog');
    const project = JSON.parse(cli(db, ['projects', '--json'])).find((p) => p.society.startsWith('山口'));
    const before = JSON.parse(cli(db, ['next', String(project.id), '--json']));
    assert.ok(before.some((s) => s.rule_key === 'weakest-axis'), 'the demo\'s 財力 is lowest twice');
    assert.ok(!before.some((s) => s.rule_key === 'training-survey'), '山口 ran its 職員アンケート (外向き⑦)');

    await choose(app, 'project-select', '酒造会社における腰痛予防の健康づくり事業｜山口県理学療法士会');
    await click(app, 'nav-overview');
    const item = await app.$('[data-rule="weakest-axis"]');
    await item.waitForDisplayed({ timeout: 10000 });
    assert.match(await item.getText(), /きっかけ：強み分析で財力が直近2回続けて最も低い/);
    await (await item.$('[data-testid="suggestion-open"]')).click();
    const detail = await item.$('[data-testid="suggestion-detail"]');
    assert.match(await detail.getText(), /出典：報告書 第2章 第4節/);
    await screenshot(app, 'guide-suggestion');
    await (await item.$('[data-testid="suggestion-take"]')).click();
    await app.waitUntil(async () => /計画に追加しました/.test(await textOf(app, 'next-notice')), {
      timeout: 10000,
      timeoutMsg: 'no notice',
    });
    // Taken: it leaves the list (its trigger is unchanged, so it stays away).
    assert.equal(await (await app.$('[data-rule="weakest-axis"]')).isExisting(), false);
    await click(app, 'next-open-plan');
    await app.waitUntil(
      async () => (await app.execute(() => document.body.innerText)).includes('弱い強みを補う資料を確認し、使えそうなものを話し合う'),
      { timeout: 10000, timeoutMsg: 'the task is not in 計画' },
    );
    await screenshot(app, 'guide-plan');

    await click(app, 'nav-guide');
    const prep = await byId(app, 'preparation');
    await prep.waitForDisplayed({ timeout: 10000 });
    const text = await prep.getText();
    assert.match(text, /会議の準備：/);
    assert.match(text, /伴走支援者の役割：/);
    await screenshot(app, 'guide-prepare');
    await click(app, 'export-preparation');
    handout = await exported(app);
    assert.equal(path.dirname(handout), saveDir);
    assert.match(path.basename(handout), /^会議の準備_.+\.pdf$/);
  } finally {
    await app.deleteSession();
  }
  assert.ok(existsSync(handout), 'the handout exists');
  const pdf = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', handout, '-'], { encoding: 'utf8' });
  assert.match(pdf, /会議の準備：/);
  assert.match(pdf, /議題の案/);
  assert.equal((pdf.match(/\f/g) ?? []).length, 1, 'one page');
  const after = JSON.parse(cli(db, ['next', '山口', '--json']));
  assert.ok(!after.some((s) => s.rule_key === 'weakest-axis'), 'taken, it stays away');
});
