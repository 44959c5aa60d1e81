// 何も失わない: 「削除」 archives a project (restorable from 設定), a member
// with records retires instead of vanishing, and a backup is made and listed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { byId, cliProjects, click, freshDb, gone, openApp, saveDir, screenshot, textOf } from '../harness.mjs';

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
    // Opened by a click, the dialog still shows where its focus is (キャンセル).
    const ring = await app.execute(() => {
      const a = document.activeElement;
      return { id: a?.getAttribute('data-testid'), outline: a ? getComputedStyle(a).outlineStyle : '' };
    });
    assert.deepEqual(ring, { id: 'confirm-cancel', outline: 'solid' });
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

/** The projects in a copy of the database file alone (no -wal beside it), as a
 *  user copying the file 設定 names to a USB stick would carry it. */
function projectsInFileAlone(db) {
  const copy = path.join(mkdtempSync(path.join(tmpdir(), 'bansou-e2e-alone-')), 'bansou.sqlite3');
  copyFileSync(db, copy);
  return cliProjects(copy).map((p) => p.name).sort();
}

test('after the window closes the file 設定 names holds every record, and one file moves them to a new PC', async () => {
  const db = freshDb('move');
  const app = await openApp(db);
  let names;
  try {
    await click(app, 'welcome-demo');
    await gone(app, 'welcome-dialog');
    await app.waitUntil(async () => (await optionTexts(app)).length === 2, { timeout: 10000 });
    await click(app, 'nav-settings');
    assert.equal(await textOf(app, 'settings-db-path'), db);
    const said = await textOf(app, 'settings-data');
    assert.match(said, /別のパソコンへ移すとき/);
    assert.doesNotMatch(said, /--db|BANSOU_DB|スキーマ/, 'no developer words');
    await click(app, 'data-export');
    await (await byId(app, 'export-done')).waitForDisplayed({ timeout: 15000 });
    await screenshot(app, 'settings-data-folder');
    // 「書き出しました」 stays on the page it was seen on, not on every page after.
    await click(app, 'nav-overview');
    await gone(app, 'export-done');
    names = cliProjects(db).map((p) => p.name).sort();
    assert.equal(names.length, 2);
    // The window closes as its title bar's × closes it (the driver's own
    // close, or ending the session, would kill the process instead).
    await app.execute(() => {
      setTimeout(() => window.__TAURI_INTERNALS__.invoke('plugin:window|close', { label: 'main' }), 100);
    });
    // Before the session ends (which would kill the app): the closed window's
    // file, copied alone, holds the projects.
    let alone = [];
    for (let i = 0; i < 50 && alone.length < names.length; i++) {
      await new Promise((r) => setTimeout(r, 200));
      alone = projectsInFileAlone(db);
    }
    assert.deepEqual(alone, names, 'the main file alone, copied after closing, holds the projects');
  } finally {
    await app.deleteSession().catch(() => {});
  }

  const written = readdirSync(saveDir).filter((f) => f.startsWith('伴走ノートのデータ_') && f.endsWith('.sqlite3'));
  assert.equal(written.length, 1, `the one file: ${written}`);
  assert.ok(existsSync(path.join(saveDir, written[0])));

  // The new PC: an empty start, then 設定 → 書き出したファイルから読み込む.
  const fresh = freshDb('new-pc');
  const other = await openApp(fresh);
  try {
    await click(other, 'welcome-empty');
    await gone(other, 'welcome-dialog');
    await click(other, 'nav-settings');
    await click(other, 'data-import');
    assert.match(await textOf(other, 'confirm-dialog'), new RegExp(written[0]));
    await click(other, 'confirm-ok');
    await gone(other, 'confirm-dialog');
    await other.waitUntil(async () => (await optionTexts(other)).length === 2, { timeout: 10000 });
  } finally {
    await other.deleteSession();
  }
  assert.deepEqual(cliProjects(fresh).map((p) => p.name).sort(), names);
});
