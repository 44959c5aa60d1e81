// アンケート: the demo's 研修会 survey shows the report's satisfaction (5点・4点で
// 98%) over 48 answers of 54; one paper sheet typed with the keyboard only
// makes it 49, a slip is named before anything is saved, and the CLI agrees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byId, cli, click, freshDb, gone, openApp, screenshot, textOf } from '../harness.mjs';

// WebDriver's codes for the keys a typist uses.
const TAB = '\uE004';
const ENTER = '\uE007';
const BACKSPACE = '\uE003';

test('the 研修会 survey shows 98% and takes a paper answer from the keyboard', async () => {
  const db = freshDb('surveys');
  const app = await openApp(db);
  try {
    await click(app, 'welcome-demo');
    await gone(app, 'welcome-dialog');
    await click(app, 'nav-surveys');
    assert.match(await textOf(app, 'survey-n'), /回答 48件／参加者 54名（回収率 88\.9%）/);
    assert.equal(await textOf(app, 'survey-sentence-4'), '5点・4点を合わせると98%');
    const chart = await textOf(app, 'survey-chart-4');
    assert.match(chart, /56\.3%（27）/);
    await screenshot(app, 'survey-results');

    // One sheet from paper: Tab between questions, numbers for answers (sent
    // one key at a time, as a typist presses them).
    await click(app, 'survey-tab-entry');
    const first = await byId(app, 'sheet-1');
    await first.waitForDisplayed({ timeout: 10000 });
    await first.click();
    // A slip: 6 points on a 5段階 question is named, nothing is saved.
    for (const key of ['2', TAB, TAB, '3', '5', TAB, '6', TAB, '4', TAB, '4', TAB, '5']) await app.keys([key]);
    assert.equal(await textOf(app, 'sheet-error-4'), '5〜1の点数を1つ入力してください');
    await app.keys([ENTER]);
    assert.match(JSON.parse(cli(db, ['survey', 'list', '--json']))[0].responses.toString(), /^48$/);
    const four = await byId(app, 'sheet-4');
    await four.click();
    await app.keys([BACKSPACE, '5', ENTER]);
    await app.waitUntil(async () => /回答 49件/.test(await textOf(app, 'survey-n')), {
      timeout: 10000,
      timeoutMsg: 'n did not become 49',
    });
    assert.match(await textOf(app, 'survey-notice'), /49件目/);
    // The next sheet is ready, its first field focused.
    const active = await app.execute(() => document.activeElement?.getAttribute('data-testid'));
    assert.equal(active, 'sheet-1');
    await screenshot(app, 'survey-entry');
  } finally {
    await app.deleteSession();
  }
  const r = JSON.parse(cli(db, ['survey', 'results', '研修会', '--json']));
  assert.equal(r.n, 49);
  const satisfaction = r.questions[3];
  assert.equal(satisfaction.answered, 49);
  assert.equal(satisfaction.options[0].count, 28, 'the new 5 points');
  const job = r.questions[0].options.map((o) => o.count);
  assert.deepEqual(job, [21, 28], 'OT');
});
