// アンケート: the demo's 研修会 survey shows the report's satisfaction (5点・4点で
// 98%) over 48 answers of 54; one paper sheet typed with the keyboard only
// makes it 49, a slip is named before anything is saved, and the CLI agrees.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { byId, cli, click, freshDb, gone, openApp, saveDir, screenshot, textOf } from '../harness.mjs';

// WebDriver's codes for the keys a typist uses.
const TAB = '\uE004';
const ENTER = '\uE007';
const BACKSPACE = '\uE003';

test('the 研修会 survey shows 98% and takes a paper answer from the keyboard', async () => {
  const db = freshDb('surveys');
  const app = await openApp(db);
  try {
    await click(app, 'welcome-demo');
    await gone(app, 'welcome-dialog');
    await click(app, 'nav-surveys');
    assert.match(await textOf(app, 'survey-n'), /回答 48件／参加者 54名（回収率 88\.9%）/);
    assert.equal(await textOf(app, 'survey-sentence-4'), '5点（非常に満足）・4点（満足）を合わせると98%');
    const chart = await textOf(app, 'survey-chart-4');
    assert.match(chart, /56\.3%（27）/);
    await screenshot(app, 'survey-results');
    // 問3 (所属の都道府県, 47 options; the demo's 48 answers come from all 47) as a table.
    const prefectures = await app.execute(() => [...document.querySelectorAll('[data-testid="survey-table-3"] tbody tr')].map((r) => r.textContent));
    assert.equal(prefectures.length, 47, prefectures.join(' / '));
    assert.ok(prefectures.some((t) => t.startsWith('山口県')), prefectures.join(' / '));
    // The results as a workbook: Excel's own chart for each choice question
    // and for the 当てはまる／当てはまらない grid.
    await click(app, 'survey-export-xlsx');
    const book = path.join(saveDir, 'アンケート結果_研修会アンケート.xlsx');
    await app.waitUntil(async () => existsSync(book), { timeout: 10000, timeoutMsg: `no ${book}` });
    const charts = execFileSync('python3', ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(sum(n.startswith("xl/charts/chart") for n in z.namelist())); print(z.read("xl/charts/chart" + str(len([n for n in z.namelist() if n.startswith("xl/charts/chart")])) + ".xml").decode())', book])
      .toString();
    const [count] = charts.split('\n');
    assert.ok(Number(count) >= 10, `${count} charts`);
    assert.match(charts, /グラフ!\$B\$/, 'the last chart (the grid) reads its own table');

    // One sheet from paper: Tab between questions, numbers for answers (sent
    // one key at a time, as a typist presses them).
    await click(app, 'survey-tab-entry');
    const first = await byId(app, 'sheet-1');
    await first.waitForDisplayed({ timeout: 10000 });
    await first.click();
    // A slip: 6 points on a 5段階 question is named, nothing is saved.
    for (const key of ['2', TAB, TAB, '3', '5', TAB, '6', TAB, '4', TAB, '4', TAB, '5']) await app.keys([key]);
    assert.equal(await textOf(app, 'sheet-error-4'), '5〜1の点数を1つ入力してください');
    await app.keys([ENTER]);
    assert.match(JSON.parse(cli(db, ['survey', 'list', '--json']))[0].responses.toString(), /^48$/);
    const four = await byId(app, 'sheet-4');
    await four.click();
    await app.keys([BACKSPACE, '5', ENTER]);
    await app.waitUntil(async () => /回答 49件/.test(await textOf(app, 'survey-n')), {
      timeout: 10000,
      timeoutMsg: 'n did not become 49',
    });
    assert.match(await textOf(app, 'survey-notice'), /49件目/);
    // The next sheet is ready, its first field focused.
    const active = await app.execute(() => document.activeElement?.getAttribute('data-testid'));
    assert.equal(active, 'sheet-1');
    await screenshot(app, 'survey-entry');

    // Skip logic: 問11 is asked only after 問10 「検討している」 (1), 問14 only after
    // 問12 「取り組めていない」 (2); what does not apply is not on the sheet.
    const shown = async (n) => (await byId(app, `sheet-question-${n}`)).isExisting();
    assert.equal(await shown(11), false);
    assert.equal(await shown(14), false);
    await (await byId(app, 'sheet-10')).click();
    await app.keys(['1']);
    await app.waitUntil(async () => shown(11), { timeout: 5000, timeoutMsg: '問11 did not appear' });
    assert.match(await (await byId(app, 'sheet-question-11')).getText(), /問10で「検討している」と答えた方のみ/);
    await (await byId(app, 'sheet-12')).click();
    await app.keys(['2']);
    await app.waitUntil(async () => shown(14), { timeout: 5000, timeoutMsg: '問14 did not appear' });
    assert.equal(await shown(13), false);
    await (await byId(app, 'sheet-10')).click();
    await app.keys([BACKSPACE, '2']);
    await app.waitUntil(async () => !(await shown(11)), { timeout: 5000, timeoutMsg: '問11 stayed' });
    await screenshot(app, 'survey-entry-skip');

    // Each share's base: the people asked, 無回答 where the report shows it; the year before.
    await click(app, 'survey-tab-results');
    await (await byId(app, 'survey-base-11')).waitForDisplayed({ timeout: 10000 });
    assert.equal(await textOf(app, 'survey-base-11'), '24件（問10で「検討している」と答えた方のみ）・うち無回答 1件（複数回答）');
    assert.equal(await textOf(app, 'survey-base-14'), '回答 38件（問12で「取り組めていない」と答えた方のみ）');
    // The 49th sheet left 問10 empty: still 24 of the 48 who answered it.
    assert.match(await textOf(app, 'survey-previous-10'), /検討している：37\.5%（40件中15件） → 50%（48件中24件）/);
    assert.match(await textOf(app, 'survey-texts-8'), /士会内での情報共有・情報収集（21件）/);
    await screenshot(app, 'survey-results-bases');
  } finally {
    await app.deleteSession();
  }
  const r = JSON.parse(cli(db, ['survey', 'results', '研修会', '--json']));
  assert.equal(r.n, 49);
  const satisfaction = r.questions[3];
  assert.equal(satisfaction.answered, 49);
  assert.equal(satisfaction.options[0].count, 28, 'the new 5 points');
  const job = r.questions[0].options.map((o) => o.count);
  assert.deepEqual(job, [21, 28], 'OT');
});
