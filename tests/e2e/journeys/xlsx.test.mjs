// 表1 as Excel: the window writes the form for a meeting, it is filled
// outside the app (openpyxl, as a spreadsheet would), and taken back in with
// a preview per file and sheet; the evaluations appear on the 評価 page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { byId, click, freshDb, gone, openApp, repoRoot, saveDir, screenshot, textOf } from '../harness.mjs';

const python = path.join(
  process.env.BANSOU_OPENPYXL_VENV ?? path.join(os.homedir(), '.cache', 'bansou', 'openpyxl'),
  'bin',
  'python3',
);
const xlsxFiles = () => readdirSync(saveDir).filter((f) => f.endsWith('.xlsx'));

test('the 表1 workbook goes out, comes back filled, and shows on the 評価 page', async () => {
  for (const f of xlsxFiles()) rmSync(path.join(saveDir, f));
  const db = freshDb('xlsx-form');
  const app = await openApp(db);
  try {
    await click(app, 'welcome-demo');
    await gone(app, 'welcome-dialog');
    await click(app, 'nav-evaluations');
    await (await byId(app, 'eval-xlsx-form')).waitForDisplayed({ timeout: 10000 });
    await click(app, 'eval-xlsx-form');
    await app.waitUntil(async () => xlsxFiles().length === 1, { timeout: 30000, timeoutMsg: 'no workbook written' });
    const blank = path.join(saveDir, xlsxFiles()[0]);
    const filled = path.join(saveDir, '記入済み.xlsx');
    const [who, second] = execFileSync(python, [path.join(repoRoot, 'tests', 'interop', 'fill_form.py'), blank, filled, '-', '他者評価', '-'])
      .toString()
      .trim()
      .split('\n');
    rmSync(blank);

    await click(app, 'eval-xlsx-import');
    await (await byId(app, 'eval-xlsx-preview')).waitForDisplayed({ timeout: 20000 });
    const sentence = await textOf(app, 'eval-xlsx-sentence');
    assert.match(sentence, /(追加|更新) \d+件/);
    assert.doesNotMatch(sentence, /取り込めない/);
    assert.equal((await app.$$('[data-testid="eval-xlsx-row"]')).length, 2);
    await screenshot(app, 'xlsx-preview');
    await click(app, 'eval-xlsx-apply');
    await gone(app, 'eval-xlsx-preview');
    assert.match(await textOf(app, 'eval-notice'), /Excelの評価票を取り込みました/);
    const texts = [];
    for (const r of await app.$$('[data-testid="eval-row"]')) texts.push(await r.getText());
    // A row reads 「他者評価 name 令和…日 4 3 3 2」 (the cells' text runs together).
    const row = (name, kind, scores) =>
      texts.some((t) => t.replace(/\s+/g, '').includes(`${kind}${name.replace(/\s+/g, '')}`) && t.replace(/\s+/g, '').includes(`日${scores}PDF`));
    assert.ok(row(who, '他者評価', '4332'), `${who}: ${texts.join('\n')}`);
    assert.ok(row(second, '自己評価', '3321'), `${second}: ${texts.join('\n')}`);
  } finally {
    await app.deleteSession();
  }
});
