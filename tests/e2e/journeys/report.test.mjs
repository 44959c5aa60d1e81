// 報告書: export the progress report from the window to a path and check the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { byId, click, freshDb, openApp, textOf, type } from '../harness.mjs';

test('the progress report is exported from the window to the chosen path', async () => {
  const db = freshDb('report');
  const out = path.join(path.dirname(db), '進捗報告書.pdf');
  const app = await openApp(db);
  try {
    await click(app, 'welcome-demo');
    await (await byId(app, 'welcome-dialog')).waitForExist({ reverse: true, timeout: 10000 });
    await click(app, 'nav-report');
    // Without a path: a Japanese message, nothing written.
    await click(app, 'report-export');
    assert.equal(await textOf(app, 'report-error-path'), '保存先のファイルを選んでください');

    await type(app, 'report-author', '事務局 高橋');
    await type(app, 'report-path', out);
    await click(app, 'report-export');
    await app.waitUntil(
      async () => (await (await byId(app, 'report-done')).isExisting()) || (await (await byId(app, 'report-error')).isExisting()),
      { timeout: 30000, timeoutMsg: 'neither done nor an error' },
    );
    const failed = await (await byId(app, 'report-error')).isExisting();
    assert.equal(failed, false, failed ? await textOf(app, 'report-error') : '');
    assert.match(await textOf(app, 'report-done'), /書き出しました/);
  } finally {
    await app.deleteSession();
  }
  assert.ok(existsSync(out), 'the PDF exists');
  const bytes = readFileSync(out);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(bytes.length > 20_000 && bytes.length < 500 * 1024, `size ${bytes.length}`);
});
