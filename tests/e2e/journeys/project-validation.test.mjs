// Journey 2: an empty 事業名 is refused in Japanese, the rest of the form stays
// as typed, and nothing is saved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byId, choose, click, cliProjects, freshDb, gone, openApp, screenshot, textOf, type, valueOf } from '../harness.mjs';

test('an empty 事業名 keeps the form and saves nothing', async () => {
  const db = freshDb('validation');
  const app = await openApp(db);
  try {
    await click(app, 'welcome-empty');
    await click(app, 'new-project');
    await type(app, 'field-program', '令和6年度 地域保健総合推進事業');
    await choose(app, 'field-prefecture', '茨城県');
    await choose(app, 'field-profession', 'OT');
    await choose(app, 'field-theme', 'メンタルヘルス不調');
    await choose(app, 'field-target', '企業');
    await type(app, 'field-goal', '小規模事業所のメンタルヘルス不調を予防する');
    await click(app, 'save-project');

    assert.equal(await textOf(app, 'error-name'), '事業名を入力してください');
    assert.match(await textOf(app, 'form-error'), /入力内容を確認してください/);
    assert.equal(await valueOf(app, 'field-prefecture'), '茨城県');
    assert.equal(await valueOf(app, 'field-profession'), 'OT');
    assert.equal(await valueOf(app, 'field-theme'), 'メンタルヘルス不調');
    assert.equal(await valueOf(app, 'field-goal'), '小規模事業所のメンタルヘルス不調を予防する');
    assert.equal(await valueOf(app, 'field-program'), '令和6年度 地域保健総合推進事業');
    assert.equal(await (await byId(app, 'project-form')).isDisplayed(), true);
    await screenshot(app, 'validation-error');

    // Leaving the form keeps the typing as a draft that comes back with it.
    await click(app, 'nav-settings');
    await gone(app, 'project-form');
    await click(app, 'new-project');
    await (await byId(app, 'draft-restored')).waitForDisplayed({ timeout: 5000 });
    assert.equal(await valueOf(app, 'field-goal'), '小規模事業所のメンタルヘルス不調を予防する');
    assert.equal(await valueOf(app, 'field-prefecture'), '茨城県');

    // Escape asks before it throws typing away; 戻る keeps everything.
    // Escape is only the form's once the focus is inside it: one click, once
    // the reopened page has settled (click waits for it), puts it there.
    await click(app, 'field-goal');
    assert.equal(await app.execute(() => document.activeElement?.getAttribute('data-testid')), 'field-goal');
    await app.keys('Escape');
    await (await byId(app, 'confirm-dialog')).waitForDisplayed({ timeout: 5000 });
    await click(app, 'confirm-cancel');
    await gone(app, 'confirm-dialog');
    assert.equal(await valueOf(app, 'field-goal'), '小規模事業所のメンタルヘルス不調を予防する');
  } finally {
    await app.deleteSession();
  }
  assert.deepEqual(cliProjects(db), []);
});
