// 報告書: export the progress report (the save dialog's test hook picks the
// folder), and keep using the window while a large report is being made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { audit, byId, cli, click, freshDb, gone, openApp, saveDir, screenshot, textOf, type } from '../harness.mjs';

test('the progress report is exported from the window to the chosen file', async () => {
  assert.ok(saveDir, 'scripts/e2e.sh sets BANSOU_TEST_SAVE_DIR');
  const db = freshDb('report');
  let out = '';
  const app = await openApp(db);
  try {
    await click(app, 'welcome-demo');
    await gone(app, 'welcome-dialog');
    await click(app, 'nav-report');
    // No free-text path: the file is chosen in the system save dialog.
    assert.equal(await (await byId(app, 'report-path')).isExisting(), false);
    await type(app, 'report-author', '事務局 高橋');
    await click(app, 'report-export');
    await app.waitUntil(
      async () => (await (await byId(app, 'export-done')).isExisting()) || (await (await byId(app, 'export-error')).isExisting()),
      { timeout: 30000, timeoutMsg: 'neither done nor an error' },
    );
    const failed = await (await byId(app, 'export-error')).isExisting();
    assert.equal(failed, false, failed ? await textOf(app, 'export-error') : '');
    const done = await textOf(app, 'export-done');
    out = done.match(/書き出しました：(.+?)（/)?.[1] ?? '';
    assert.equal(path.dirname(out), saveDir, done);
    assert.match(path.basename(out), /^進捗報告書_.+士会\.pdf$/);
  } finally {
    await app.deleteSession();
  }
  assert.ok(existsSync(out), 'the PDF exists');
  const bytes = readFileSync(out);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(bytes.length > 20_000 && bytes.length < 500 * 1024, `size ${bytes.length}`);
});

test('the window stays usable while a large report is made', async () => {
  const db = freshDb('large-report');
  // A project with 2,000 meetings and 16,000 evaluations: seconds of drawing.
  cli(db, ['bench', 'seed', '--meetings', '2000']);
  const app = await openApp(db);
  try {
    await click(app, 'nav-report');
    await click(app, 'report-export');
    await (await byId(app, 'export-progress')).waitForDisplayed({ timeout: 10000 });
    // While it draws: another page opens and lists its records (checked by
    // audit() afterwards, which would take longer than the drawing).
    await click(app, 'nav-meetings', { audit: false });
    await app.waitUntil(async () => (await app.$$('[data-testid="meeting-row"]')).length > 100, {
      timeout: 10000,
      timeoutMsg: 'the meetings page did not load while the report was being made',
    });
    const stillDrawing = await (await byId(app, 'export-progress')).isExisting();
    await screenshot(app, 'report-while-navigating');
    assert.ok(stillDrawing, 'the meetings page answered before the report was done');
    await audit(app, 'meetings-2000');
    await (await byId(app, 'export-done')).waitForExist({ timeout: 120000 });
    assert.match(await textOf(app, 'export-done'), /書き出しました/);
  } finally {
    await app.deleteSession();
  }
});
