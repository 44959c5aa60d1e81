// テキスト分析: on the demo, the comments' co-occurrence network is drawn, a
// click on a word lists the comments that contain it, and the settings change
// the picture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byId, choose, click, freshDb, gone, openApp, screenshot, textOf } from '../harness.mjs';

test('the network of the demo comments, and the comments of a word on a click', async () => {
  const db = freshDb('text');
  const app = await openApp(db);
  try {
    await click(app, 'welcome-demo');
    await gone(app, 'welcome-dialog');
    await choose(app, 'project-select', '小規模事業所で働く人のメンタルヘルス不調予防事業｜茨城県作業療法士会');
    await click(app, 'nav-text');
    await (await byId(app, 'text-network')).waitForDisplayed({ timeout: 15000 });
    const nodes = () => app.execute(() => document.querySelectorAll('[data-testid="text-network"] polygon.node').length);
    await app.waitUntil(async () => (await nodes()) > 5, { timeout: 15000, timeoutMsg: 'no network drawn' });
    assert.match(await textOf(app, 'text-summary'), /^コメント \d+件・語 \d+・描いた語 \d+・共起 \d+/);
    // The defaults are the report's: nouns apart (産業・保健), as its figures show.
    assert.match(await textOf(app, 'text-settings'), /最小出現数 2（報告書と同じ）・品詞 すべて（報告書と同じ）・名詞はつなげない（報告書と同じ）/);
    const svgText = () => app.execute(() => document.querySelector('[data-testid="text-network"]')?.textContent ?? '');
    assert.ok(!(await svgText()).includes('産業保健'), 'apart by default');
    await click(app, 'text-compounds');
    await app.waitUntil(async () => /複合名詞をつなげる/.test(await textOf(app, 'text-settings')), { timeout: 15000, timeoutMsg: 'not joined' });
    assert.doesNotMatch(await textOf(app, 'text-settings'), /つなげる（報告書と同じ）/);
    await click(app, 'text-compounds');
    await app.waitUntil(async () => /名詞はつなげない/.test(await textOf(app, 'text-settings')), { timeout: 15000, timeoutMsg: 'not apart again' });

    // A click on a word in the picture lists its comments, the word marked.
    const word = await app.execute(() => {
      const t = document.querySelector('[data-testid="text-network"] svg text');
      t?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      return t?.textContent ?? '';
    });
    assert.ok(word.length > 0);
    await (await byId(app, 'text-found')).waitForDisplayed({ timeout: 10000 });
    const found = await textOf(app, 'text-found');
    assert.ok(found.startsWith(`「${word}」を含むコメント（`), found);
    const comments = await app.$$('[data-testid="text-found-comment"]');
    assert.ok(comments.length > 0, 'at least one comment');

    // The word list works by keyboard too.
    const first = await byId(app, 'text-word');
    await first.click();
    await app.waitUntil(async () => (await textOf(app, 'text-found')).startsWith(`「${await first.getText()}」`), {
      timeout: 10000,
    });

    // Small multiples: one pair per meeting (他者｜自己).
    const pairs = await app.$$('[data-testid="text-meeting-pair"]');
    assert.ok(pairs.length >= 3, `${pairs.length} meetings`);

    // 他者評価 only: fewer comments.
    const before = Number((await textOf(app, 'text-summary')).match(/コメント (\d+)件/)[1]);
    await choose(app, 'text-kind', '他者評価のみ');
    await app.waitUntil(
      async () => Number((await textOf(app, 'text-summary')).match(/コメント (\d+)件/)[1]) < before,
      { timeout: 10000, timeoutMsg: 'the kind filter did not narrow the comments' },
    );
    await screenshot(app, 'text-analysis');
  } finally {
    await app.deleteSession();
  }
});
