// 強み分析: rate items, start a second session, see two polygons, restart, still there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byId, click, freshDb, openApp, screenshot, startWithProject, textOf } from '../harness.mjs';

/** Series drawn: a closed polygon when every axis is rated, else open lines. */
async function polygons(app) {
  return (await app.$$('[data-testid="strength-chart"] .series')).length;
}

test('two rating sessions draw two polygons and survive a restart', async () => {
  const db = freshDb('strengths');
  let app = await openApp(db);
  try {
    await startWithProject(app, '腰痛予防モデル事業');
    await click(app, 'nav-strengths');
    await click(app, 'session-new');
    await click(app, 'session-create');
    await (await byId(app, 'strength-chart')).waitForDisplayed({ timeout: 10000 });
    // Nothing rated yet: no polygon at 0, the axes say 未評価.
    assert.equal(await polygons(app), 0);
    assert.match(await textOf(app, 'strength-chart'), /未評価/);

    const selects = await app.$$('[data-testid^="strength-rating-"]');
    await selects[0].selectByVisibleText('3：ほぼある');
    await app.waitUntil(async () => (await byId(app, 'strength-summary')).isExisting(), { timeout: 10000 });
    // 財力 is the last axis: its first item sits at the end of the 士会内 group.
    const money = await app.$$('[data-testid="strength-item"]');
    for (const row of money) {
      if ((await row.getText()).startsWith('財力')) {
        await (await row.$('select')).selectByVisibleText('1：ない・未確認');
        break;
      }
    }
    await app.waitUntil(async () => /財力が最も低い（1\.0）/.test(await textOf(app, 'strength-summary')), {
      timeout: 10000,
      timeoutMsg: 'the summary did not name 財力',
    });
    // 財力 and 創造力 rated, 人力 and 対応力 not: one open line between them.
    assert.equal(await polygons(app), 1);

    await click(app, 'session-new');
    await click(app, 'session-create');
    await app.waitUntil(async () => (await polygons(app)) === 2, { timeout: 10000, timeoutMsg: 'no second polygon' });
  } finally {
    await app.deleteSession();
  }

  app = await openApp(db);
  try {
    await click(app, 'nav-strengths');
    await (await byId(app, 'strength-chart')).waitForDisplayed({ timeout: 10000 });
    assert.equal(await polygons(app), 2);
    assert.equal((await app.$$('[data-testid="session-tab"]')).length, 2);
    assert.match(await textOf(app, 'strength-summary'), /財力が最も低い/);
    await screenshot(app, 'strengths');
  } finally {
    await app.deleteSession();
  }
});
