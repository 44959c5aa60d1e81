// 事業全体: the secretariat opens the dashboard of every team on the demo, sorts
// it by completion, gives a supporter a second team, records a program meeting,
// exports the table for Excel and opens a team from its row. It all survives a
// restart, and the CLI reads the same program.
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { byId, cli, click, freshDb, gone, openApp, saveDir, screenshot, textOf, type } from '../harness.mjs';

const completions = (app) =>
  app.execute(() =>
    [...document.querySelectorAll('[data-testid="program-completion"]')].map((e) => parseInt(e.textContent ?? '', 10)),
  );

test('the secretariat follows every team from 事業全体 and opens one from its row', async () => {
  const db = freshDb('program');
  let app = await openApp(db);
  try {
    await click(app, 'welcome-demo');
    await gone(app, 'welcome-dialog');
    await click(app, 'nav-program');
    await app.waitUntil(async () => (await completions(app)).length === 2, { timeout: 10000, timeoutMsg: 'two teams' });

    // Sorted by completion, highest first; a second click turns it round.
    await click(app, 'program-sort-completion');
    await app.waitUntil(async () => {
      const c = await completions(app);
      return c[0] > c[1];
    }, { timeout: 5000, timeoutMsg: 'not sorted high to low' });
    assert.deepEqual(await completions(app), [63, 38], 'the demo: 山口 10/16, 茨城 6/16');
    await click(app, 'program-sort-completion');
    await app.waitUntil(async () => (await completions(app))[0] === 38, { timeout: 5000, timeoutMsg: 'not turned round' });
    assert.match(await textOf(app, 'program-warnings'), /期限を過ぎたタスクが\d件あります/);

    // A supporter of 山口 takes on 茨城 too: one person, two teams.
    const people = JSON.parse(cli(db, ['program', '--people', '--json']));
    const nakagawa = people.find((p) => p.name === '中川 智也');
    assert.deepEqual(nakagawa.teams, ['山口県理学療法士会']);
    const projects = JSON.parse(cli(db, ['projects', '--json']));
    const ibaraki = projects.find((p) => p.prefecture === '茨城県');
    await click(app, `assign-${nakagawa.person_id}-${ibaraki.id}`);
    await app.waitUntil(
      async () => JSON.parse(cli(db, ['program', '--people', '--json'])).find((p) => p.name === '中川 智也').teams.length === 2,
      { timeout: 10000, timeoutMsg: 'the assignment was not saved' },
    );

    // A program meeting: no team, the program's people take part.
    await click(app, 'program-meeting-new');
    await type(app, 'program-meeting-decisions', '研修会の日程を決める');
    await click(app, 'program-meeting-save');
    assert.match(await textOf(app, 'program-meeting-notice'), /事業協力者会議」を保存しました/);
    const meetings = await app.execute(() => document.querySelectorAll('[data-testid="program-meeting-row"]').length);
    assert.equal(meetings, 16, 'the demo\'s 15 and the new one');

    // The dashboard for Excel.
    await click(app, 'program-export-csv');
    const file = path.join(saveDir, '事業全体の進捗一覧_令和6年度 地域保健総合推進事業.csv');
    await app.waitUntil(async () => existsSync(file), { timeout: 10000, timeoutMsg: `no ${file}` });
    const csv = readFileSync(file, 'utf8');
    assert.ok(csv.startsWith('\uFEFF士会,'), 'Excel reads the BOM');
    assert.equal(csv.trim().split('\r\n').length, 3, 'a header and two teams');
    // …and as a workbook with Excel's own charts.
    await click(app, 'program-export-xlsx');
    const book = path.join(saveDir, '事業全体の進捗一覧_令和6年度 地域保健総合推進事業.xlsx');
    await app.waitUntil(async () => existsSync(book), { timeout: 10000, timeoutMsg: `no ${book}` });
    const parts = execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', book])
      .toString()
      .split('\n');
    assert.equal(parts.filter((p) => p.startsWith('xl/charts/chart')).length, 2, parts.join(' '));
    await screenshot(app, 'program');

    // Each row opens its team.
    await click(app, `program-open-${ibaraki.id}`);
    assert.equal(await textOf(app, 'project-title'), ibaraki.name);
  } finally {
    await app.deleteSession();
  }

  app = await openApp(db);
  try {
    await click(app, 'nav-program');
    await app.waitUntil(
      async () => (await app.execute(() => document.querySelectorAll('[data-testid="program-meeting-row"]').length)) === 16,
      { timeout: 10000, timeoutMsg: 'the program meeting was lost' },
    );
    const box = await byId(app, `assign-${JSON.parse(cli(db, ['program', '--people', '--json'])).find((p) => p.name === '中川 智也').person_id}-${JSON.parse(cli(db, ['projects', '--json'])).find((p) => p.prefecture === '茨城県').id}`);
    assert.equal(await box.isSelected(), true, 'the assignment is still there');
  } finally {
    await app.deleteSession();
  }
  const rows = JSON.parse(cli(db, ['program', '--json']));
  assert.equal(rows.length, 2);
  assert.ok(rows.every((r) => r.trend.length >= 2), 'each team has a trend');
});
