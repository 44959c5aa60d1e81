// Journey 3: the welcome loads the demo; a database from a newer version is
// refused with a Japanese message and left untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { byId, click, freshDb, gone, openApp, textOf } from '../harness.mjs';

test('the welcome loads the two model teams', async () => {
  const db = freshDb('demo');
  const app = await openApp(db);
  try {
    await click(app, 'welcome-demo');
    await gone(app, 'welcome-dialog');
    // Read the list in one request, once it has settled: the page re-renders
    // it when the projects arrive, which would leave element handles stale.
    const optionTexts = () =>
      app.execute(() =>
        [...document.querySelectorAll('[data-testid="project-select"] option')].map((o) => o.textContent ?? ''),
      );
    await app.waitUntil(async () => (await optionTexts()).length === 2, { timeout: 10000 });
    const labels = await optionTexts();
    assert.equal(labels.length, 2);
    assert.ok(labels.some((l) => l.includes('山口県理学療法士会')), labels.join());
    assert.ok(labels.some((l) => l.includes('茨城県作業療法士会')), labels.join());
    assert.match(await textOf(app, 'project-leader'), /^〇/);
  } finally {
    await app.deleteSession();
  }
});

test('a database from a newer version is refused, untouched', async () => {
  const db = freshDb('future');
  execFileSync('python3', ['-c', `import sqlite3; c = sqlite3.connect(${JSON.stringify(db)}); c.execute('PRAGMA user_version = 999'); c.execute('CREATE TABLE t(x)'); c.commit()`]);
  const before = readFileSync(db);
  const app = await openApp(db);
  try {
    const text = await textOf(app, 'startup-error');
    assert.match(text, /データを開けませんでした/);
    assert.match(text, /新しい版の伴走ノート/);
  } finally {
    await app.deleteSession();
  }
  assert.deepEqual(readFileSync(db), before);
});
