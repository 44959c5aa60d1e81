// 伴走支援評価: an invalid form keeps what was typed and saves nothing; a 他者評価
// and a 自己評価 of one meeting change the means and the chart and survive a restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byId, choose, click, freshDb, gone, openApp, screenshot, startWithProject, textOf, type, valueOf } from '../harness.mjs';

async function rate(app, scores) {
  for (const [item, score] of Object.entries(scores)) {
    await click(app, `eval-score-${item}-${score}`);
  }
}

const rows = async (app) => (await app.$$('[data-testid="eval-row"]')).length;
const bars = async (app) => (await app.$$('[data-testid="eval-bars"] polygon.bar')).length;

test('other- and self-evaluations of one meeting are summarised and kept', async () => {
  const db = freshDb('evaluations');
  let app = await openApp(db);
  try {
    await startWithProject(app, '腰痛予防モデル事業');
    await click(app, 'nav-meetings');
    await click(app, 'meeting-new');
    await click(app, 'meeting-save');
    await (await byId(app, 'meeting-detail')).waitForDisplayed({ timeout: 10000 });

    await click(app, 'nav-evaluations');
    await click(app, 'eval-new');
    // The form's first field takes the focus, not the button that opened it.
    await app.waitUntil(
      async () => await app.execute(() => !!document.activeElement?.closest('[data-testid="eval-form"]')),
      { timeout: 5000, timeoutMsg: 'the focus stayed outside the form' },
    );
    await click(app, 'eval-kind-他者評価');
    await rate(app, { A: 4 });
    await type(app, 'eval-comment-A', '丁寧に傾聴してくれた');
    await click(app, 'eval-save');
    assert.equal(await textOf(app, 'eval-error-score-B'), '活動の推進（B）の評価を1〜4から選んでください');
    assert.equal(await valueOf(app, 'eval-comment-A'), '丁寧に傾聴してくれた');
    assert.equal(await (await byId(app, 'eval-form')).isDisplayed(), true);
    assert.equal(await rows(app), 0);

    await rate(app, { B: 4, C: 3, D: 4 });
    await click(app, 'eval-save');
    await app.waitUntil(async () => (await rows(app)) === 1, { timeout: 10000 });
    assert.equal(await textOf(app, 'eval-mean-other-A'), '4.00');
    assert.equal(await textOf(app, 'eval-mean-self-A'), '—');
    assert.equal(await textOf(app, 'eval-gap-A-0'), '—', 'only 他者評価: no gap, not 0');
    const before = await bars(app);

    await click(app, 'eval-new');
    await click(app, 'eval-kind-自己評価');
    await rate(app, { A: 3, B: 3, C: 3, D: 2 });
    await click(app, 'eval-save');
    await app.waitUntil(async () => (await rows(app)) === 2, { timeout: 10000 });
    assert.equal(await textOf(app, 'eval-mean-self-D'), '2.00');
    assert.equal(await textOf(app, 'eval-sentence'), 'A・Bは1.0ポイント、Dは2.0ポイント自己評価が低い（Cは差がない）');
    assert.equal(await textOf(app, 'eval-gap-D-0'), '+2.00');
    assert.equal(await bars(app), before + 4, 'a 自己評価 bar appears in each of the four charts');
  } finally {
    await app.deleteSession();
  }

  app = await openApp(db);
  try {
    await click(app, 'nav-evaluations');
    await app.waitUntil(async () => (await rows(app)) === 2, { timeout: 10000 });
    assert.equal(await textOf(app, 'eval-mean-other-D'), '4.00');
    assert.equal(await textOf(app, 'eval-mean-self-D'), '2.00');
    assert.equal(await bars(app), 8);
    await screenshot(app, 'evaluations');
  } finally {
    await app.deleteSession();
  }
});

test('the demo reads team meetings apart from the joint 進捗会議, and the filter changes the charts', async () => {
  const db = freshDb('evaluation-groups');
  const app = await openApp(db);
  try {
    await click(app, 'welcome-demo');
    await gone(app, 'welcome-dialog');
    await choose(app, 'project-select', '小規模事業所で働く人のメンタルヘルス不調予防事業｜茨城県作業療法士会');
    await click(app, 'nav-evaluations');
    const titles = () =>
      app.execute(() => [...document.querySelectorAll('[data-testid="eval-group-title"]')].map((e) => e.textContent ?? ''));
    await app.waitUntil(async () => (await titles()).length === 2, { timeout: 10000, timeoutMsg: 'two groups' });
    const [team, joint] = await titles();
    assert.match(team, /^チーム会議など（会議 3回/);
    // 図25: every member of both teams who rated it (7) and the 6 supporters, twice.
    assert.match(joint, /^合同の進捗会議（会議 2回・評価 26件）/);
    assert.match(await textOf(app, 'eval-reading'), /^報告書の図23〜25と同じ集計です/);
    const sentences = await app.execute(() =>
      [...document.querySelectorAll('[data-testid="eval-sentence"]')].map((e) => e.textContent ?? ''),
    );
    assert.equal(sentences[0], 'A〜Cは0.5〜1.0ポイント、Dは0.5〜1.5ポイント自己評価が低い', 'the report\'s ranges');
    assert.equal(await textOf(app, 'eval-range-D'), '0.5〜1.5');
    const allBars = await bars(app);

    // The team-only view of the joint meetings: this team's 4 members.
    await choose(app, 'eval-joint-raters', 'このチームのメンバーのみ');
    await app.waitUntil(async () => /評価 20件/.test((await titles())[1] ?? ''), { timeout: 10000, timeoutMsg: 'own members only' });
    assert.match(await textOf(app, 'eval-reading'), /このチームのメンバーの他者評価と伴走支援者の自己評価だけ/);
    await choose(app, 'eval-joint-raters', '両チームの全員（報告書の図25と同じ）');
    await app.waitUntil(async () => /評価 26件/.test((await titles())[1] ?? ''), { timeout: 10000, timeoutMsg: 'pooled again' });

    await choose(app, 'eval-group-filter', '合同の進捗会議');
    await app.waitUntil(async () => (await titles()).length === 1, { timeout: 10000, timeoutMsg: 'one group' });
    assert.match((await titles())[0], /^合同の進捗会議/);
    const jointBars = await bars(app);
    assert.ok(jointBars > 0 && jointBars < allBars, `${jointBars} of ${allBars} bars`);

    await choose(app, 'eval-group-filter', 'すべて');
    await app.waitUntil(async () => /^すべて（会議 5回/.test((await titles())[0] ?? ''), {
      timeout: 10000,
      timeoutMsg: 'all meetings in one group',
    });
    await screenshot(app, 'evaluation-groups');
  } finally {
    await app.deleteSession();
  }
});
