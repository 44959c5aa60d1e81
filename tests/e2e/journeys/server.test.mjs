// 共有サーバー: two app instances, two data folders and one PostgreSQL server
// (the throwaway cluster scripts/test.sh starts): a supporter's 表1 reaches
// the team's 評価 page with no file exchanged. The secretariat's part (the
// server, the logins, putting the teams on it) is done with the CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { byId, cli, cliBinary, click, freshDb, gone, openApp, saveDir, screenshot, textOf } from '../harness.mjs';

const admin = process.env.BANSOU_TEST_PG;
if (!admin && process.env.BANSOU_REQUIRE_PG) throw new Error('BANSOU_TEST_PG is not set: run through scripts/test.sh');

const rows = async (app) => (await app.$$('[data-testid="eval-row"]')).length;

/** Opens 設定 and syncs now; returns what the app said. */
async function syncNow(app) {
  await click(app, 'nav-settings');
  await click(app, 'server-sync');
  await app.waitUntil(async () => (await (await byId(app, 'server-said')).isExisting()) || (await (await byId(app, 'server-problem')).isExisting()), {
    timeout: 30000,
    timeoutMsg: 'the sync did not finish',
  });
  assert.equal(await (await byId(app, 'server-problem')).isExisting(), false);
  return textOf(app, 'server-said');
}

/** Opens the newest connection file of the test folder in 設定. */
async function connect(app) {
  await click(app, 'welcome-empty');
  await gone(app, 'welcome-dialog');
  await click(app, 'nav-settings');
  await click(app, 'server-connect');
  await (await byId(app, 'server-linked')).waitForDisplayed({ timeout: 30000 });
  await app.waitUntil(async () => (await (await byId(app, 'server-said')).isExisting()), { timeout: 30000 });
  return textOf(app, 'server-said');
}

/** The secretariat's part, with the CLI: a database of its own on the server,
 *  the demo put on it, and `handOut(who, role)` writing a login of 山口 into
 *  the test folder, where the open dialog's test hook takes the newest. */
function prepareServer(prefix) {
  const name = `${prefix}_${process.pid}_${Date.now() % 100000}`;
  execFileSync('psql', [admin, '-X', '-qc', `CREATE DATABASE ${name}`]);
  const url = admin.replace(/\/[^/]*$/, `/${name}`);
  const server = (...args) => execFileSync(cliBinary, ['server', ...args, '--url', url], { encoding: 'utf8' });
  const files = mkdtempSync(path.join(tmpdir(), `bansou-${prefix}-`));
  server('init');
  const secretariat = freshDb(`${prefix}-secretariat`);
  cli(secretariat, ['demo']);
  server('user', 'add', `${name}_jimu`, '--role', '事務局', '--out', path.join(files, 'jimu.bansou-server'));
  cli(secretariat, ['connect', path.join(files, 'jimu.bansou-server')]);
  cli(secretariat, ['sync']);
  const handOut = (who, role) => {
    const file = path.join(saveDir, `${prefix}-${who}.bansou-server`);
    server('user', 'add', `${name}_${who}`, '--role', role, '--team', '山口', '--out', file);
    const now = new Date();
    utimesSync(file, now, now);
  };
  return { secretariat, handOut };
}

test("a supporter's 表1 reaches the team through the server, with no file", { skip: !admin && 'BANSOU_TEST_PG がありません' }, async () => {
  const { handOut } = prepareServer('e2e');

  const team = freshDb('server-team');
  handOut('team', 'チーム');
  let app = await openApp(team);
  let before = 0;
  try {
    assert.match(await connect(app), /受信 \d+件/);
    await click(app, 'nav-evaluations');
    await (await byId(app, 'eval-new')).waitForDisplayed({ timeout: 10000 });
    before = await rows(app);
    assert.ok(before > 0, 'the team has the demo evaluations from the server');
  } finally {
    await app.deleteSession();
  }

  const supporter = freshDb('server-supporter');
  handOut('sato', '伴走支援者');
  app = await openApp(supporter);
  try {
    await connect(app);
    await click(app, 'nav-evaluations');
    await (await byId(app, 'eval-new')).waitForDisplayed({ timeout: 10000 });
    const mine = await rows(app);
    await click(app, 'eval-new');
    await click(app, 'eval-kind-他者評価');
    await (await byId(app, 'eval-evaluator')).selectByIndex(0);
    for (const [item, score] of Object.entries({ A: 4, B: 3, C: 3, D: 2 })) {
      await click(app, `eval-score-${item}-${score}`);
    }
    await (await byId(app, 'eval-comment-A')).setValue('共有サーバーで届いた評価（伴走支援者のPCで記入）');
    await click(app, 'eval-save');
    await app.waitUntil(async () => (await rows(app)) === mine + 1, { timeout: 10000 });
    assert.match(await syncNow(app), /送信 1件/);
    await screenshot(app, 'server-supporter-synced');
  } finally {
    await app.deleteSession();
  }

  app = await openApp(team);
  try {
    const said = await syncNow(app);
    // The background sync at start may have taken it in already.
    assert.match(said, /受信 [01]件/);
    await click(app, 'nav-evaluations');
    await app.waitUntil(async () => (await rows(app)) === before + 1, {
      timeout: 10000,
      timeoutMsg: "the supporter's evaluation did not reach the team's 評価 page",
    });
    await screenshot(app, 'server-team-received');
  } finally {
    await app.deleteSession();
  }
});

/** Retitles 山口's first task (by UUID, so the same task on every PC) in a database
 *  the app has closed; the triggers give it a new version as any edit would. */
function retitle(db, title) {
  execFileSync('python3', [
    '-c',
    `import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE tasks SET title = ? WHERE uuid = (SELECT min(uuid) FROM tasks WHERE project_id = (SELECT id FROM projects WHERE prefecture = '山口県'))", (sys.argv[2],))
c.commit()`,
    db,
    title,
  ]);
}

test('a record changed on two PCs waits for a choice, made in the same preview as a file', { skip: !admin && 'BANSOU_TEST_PG がありません' }, async () => {
  const { secretariat, handOut } = prepareServer('e2e_c');
  handOut('team', 'チーム');

  const team = freshDb('conflict-team');
  let app = await openApp(team);
  try {
    await connect(app);
  } finally {
    await app.deleteSession();
  }
  // Both change the same task while apart; the secretariat's reaches the server first.
  retitle(team, 'チームで直した題名');
  retitle(secretariat, '事務局で直した題名');
  cli(secretariat, ['sync']);

  app = await openApp(team);
  try {
    const said = await syncNow(app);
    assert.match(said, /競合 1件/);
    await (await byId(app, 'server-pending')).waitForDisplayed({ timeout: 10000 });
    await click(app, 'server-pending-open');
    await (await byId(app, 'bundle-preview')).waitForDisplayed({ timeout: 10000 });
    assert.equal((await app.$$('[data-testid="conflict"]')).length, 1);
    await screenshot(app, 'server-conflict-preview');
    await click(app, 'conflicts-keep-all');
    await click(app, 'bundle-apply');
    await gone(app, 'bundle-preview');
    // Kept ours: the server takes the team's title at the next sync, and nothing waits.
    const after = await syncNow(app);
    assert.doesNotMatch(after, /競合/);
    assert.equal(await (await byId(app, 'server-pending')).isExisting(), false);
  } finally {
    await app.deleteSession();
  }
  cli(secretariat, ['sync']);
  const titles = cli(secretariat, ['tasks', '山口', '--json']);
  assert.match(titles, /チームで直した題名/, "the secretariat has the team's title");
});
