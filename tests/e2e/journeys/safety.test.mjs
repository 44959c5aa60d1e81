// 何も失わない: 「削除」 archives a project (restorable from 設定), a member
// with records retires instead of vanishing, and a backup is made and listed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byId, cliProjects, click, freshDb, gone, openApp, screenshot, textOf } from '../harness.mjs';

const optionTexts = (app) =>
  app.execute(() =>
    [...document.querySelectorAll('[data-testid="project-select"] option')].map((o) => o.textContent ?? ''),
  );

test('a deleted project is archived, restorable, and nothing of it is lost', async () => {
  const db = freshDb('archive');
  const app = await openApp(db);
  try {
    await click(app, 'welcome-demo');
    await gone(app, 'welcome-dialog');
    await app.waitUntil(async () => (await optionTexts(app)).length === 2, { timeout: 10000 });
    const first = await textOf(app, 'project-title');

    // A member who attended meetings retires; their name stays.
    const rows = await app.$$('[data-testid="member-remove"]');
    await app.execute((e) => e.scrollIntoView({ block: 'center' }), rows[0]);
    await rows[0].click();
    assert.match(await textOf(app, 'confirm-dialog'), /退任/);
    await click(app, 'confirm-ok');
    await (await byId(app, 'member-retired')).waitForDisplayed({ timeout: 10000 });

    await click(app, 'delete-project');
    assert.match(await textOf(app, 'confirm-dialog'), /記録はすべて残ります/);
    await click(app, 'confirm-ok');
    await app.waitUntil(async () => (await optionTexts(app)).length === 1, { timeout: 10000 });
    assert.equal(cliProjects(db).length, 1, 'the CLI sees it out of the list too');

    await click(app, 'nav-settings');
    await (await byId(app, 'archived-row')).waitForDisplayed({ timeout: 10000 });
    assert.match(await textOf(app, 'archived-row'), new RegExp(first));
    await click(app, 'backup-now');
    await app.waitUntil(async () => (await app.$$('[data-testid="backup-row"]')).length >= 1, { timeout: 10000 });
    await screenshot(app, 'settings-archive-backups');
    await click(app, 'archive-restore');
    await (await byId(app, 'archive-empty')).waitForDisplayed({ timeout: 10000 });
    await app.waitUntil(async () => (await optionTexts(app)).length === 2, { timeout: 10000 });
  } finally {
    await app.deleteSession();
  }
  assert.equal(cliProjects(db).length, 2);
});
