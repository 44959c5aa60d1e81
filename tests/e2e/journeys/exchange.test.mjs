// 交換: records travel between two PCs (two data folders) through files —
// the save and open dialogs' test hook uses the folder scripts/e2e.sh sets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { byId, cliProjects, click, freshDb, gone, openApp, saveDir, screenshot, textOf } from '../harness.mjs';

const rows = async (app) => (await app.$$('[data-testid="eval-row"]')).length;

async function waitDone(app) {
  await app.waitUntil(
    async () => (await (await byId(app, 'export-done')).isExisting()) || (await (await byId(app, 'export-error')).isExisting()),
    { timeout: 30000, timeoutMsg: 'the export did not finish' },
  );
  assert.equal(await (await byId(app, 'export-error')).isExisting(), false);
}

async function startEmpty(app) {
  await click(app, 'welcome-empty');
  await gone(app, 'welcome-dialog');
}

/** Imports the newest .bansou of the test folder into the open app. */
async function importNewest(app) {
  await click(app, 'nav-exchange');
  await click(app, 'bundle-choose');
  await (await byId(app, 'bundle-preview')).waitForDisplayed({ timeout: 10000 });
  const sentence = await textOf(app, 'bundle-sentence');
  await click(app, 'bundle-apply');
  await gone(app, 'bundle-preview');
  return sentence;
}

test('a project exported on one PC appears whole on another', async () => {
  const team = freshDb('exchange-team');
  const other = freshDb('exchange-other');
  let app = await openApp(team);
  try {
    await click(app, 'welcome-demo');
    await gone(app, 'welcome-dialog');
    await click(app, 'nav-exchange');
    await click(app, 'bundle-export');
    await waitDone(app);
  } finally {
    await app.deleteSession();
  }
  app = await openApp(other);
  try {
    await startEmpty(app);
    const sentence = await importNewest(app);
    assert.match(sentence, /追加 \d+件/);
    await (await byId(app, 'project-select')).waitForDisplayed({ timeout: 10000 });
    await screenshot(app, 'exchange-imported');
  } finally {
    await app.deleteSession();
  }
  const mine = cliProjects(team).find((p) => p.society === cliProjects(other)[0].society);
  assert.ok(mine, 'the same project arrived');
  assert.equal(cliProjects(other)[0].name, mine.name);
});

test('a supporter fills 表1 on their own PC and the team sees it', async () => {
  const team = freshDb('roundtrip-team');
  const supporter = freshDb('roundtrip-supporter');
  let app = await openApp(team);
  let before = 0;
  try {
    await click(app, 'welcome-demo');
    await gone(app, 'welcome-dialog');
    await click(app, 'nav-evaluations');
    await (await byId(app, 'eval-request')).waitForDisplayed({ timeout: 10000 });
    before = await rows(app);
    await click(app, 'eval-request');
    await waitDone(app);
  } finally {
    await app.deleteSession();
  }

  app = await openApp(supporter);
  try {
    await startEmpty(app);
    await importNewest(app);
    // Taken in, the request points to its 表1.
    await click(app, 'bundle-go-evaluate');
    await (await byId(app, 'eval-read-only')).waitForDisplayed({ timeout: 10000 });
    await click(app, 'eval-new');
    await click(app, 'eval-kind-自己評価');
    // A response carries named evaluations only: the supporter picks themself.
    const who = await byId(app, 'eval-evaluator');
    const supporter = (await who.$$('option')).length > 1 ? 1 : 0;
    await who.selectByIndex(supporter);
    for (const [item, score] of Object.entries({ A: 3, B: 3, C: 2, D: 2 })) {
      await click(app, `eval-score-${item}-${score}`);
    }
    await (await byId(app, 'eval-comment-C')).setValue('情報提供が多すぎた（伴走支援者のPCで記入）');
    await click(app, 'eval-save');
    await app.waitUntil(async () => (await rows(app)) === 1, { timeout: 10000 });
    await click(app, 'eval-response');
    await waitDone(app);
    // The overview shows the request as what it is, not an empty 0/8 project.
    await click(app, 'nav-overview');
    await (await byId(app, 'request-card')).waitForDisplayed({ timeout: 10000 });
    assert.equal((await app.$$('[data-testid="request-meeting"]')).length, 1);
    assert.equal((await app.$$('[data-testid="overview-checklist"]')).length, 0);
    await screenshot(app, 'exchange-request-overview');
  } finally {
    await app.deleteSession();
  }

  app = await openApp(team);
  try {
    const sentence = await importNewest(app);
    assert.match(sentence, /追加 1件/);
    await click(app, 'nav-evaluations');
    await app.waitUntil(async () => (await rows(app)) === before + 1, {
      timeout: 10000,
      timeoutMsg: 'the supporter\'s evaluation is not under the meeting',
    });
    await screenshot(app, 'exchange-roundtrip');
  } finally {
    await app.deleteSession();
  }
});

test('a hostile file is refused with the reason shown and nothing changes', async () => {
  const db = freshDb('exchange-hostile');
  const hostile = path.join(saveDir, 'zz-壊れた.bansou');
  writeFileSync(
    hostile,
    JSON.stringify({ format: 'bansou-note/bundle', format_version: 1, app_version: '0.1.0', kind: 'project', exported_at: 'x', project: 'not-a-uuid', projects: [{ uuid: 'x', version: 'v', updated_at: 'u', data: { name: 1 } }] }),
  );
  const app = await openApp(db);
  try {
    await click(app, 'welcome-demo');
    await gone(app, 'welcome-dialog');
    await click(app, 'nav-exchange');
    await click(app, 'bundle-choose');
    const problem = await textOf(app, 'bundle-problem');
    assert.match(problem, /正しくありません/);
    assert.equal(await (await byId(app, 'bundle-preview')).isExisting(), false);
  } finally {
    await app.deleteSession();
    rmSync(hostile, { force: true });
  }
  assert.equal(cliProjects(db).length, 2);
});
