// Journey 1: create a project with a leader and a supporter, restart, see both,
// the leader marked 〇.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byId, choose, cliProjects, click, freshDb, gone, openApp, screenshot, textOf, type } from '../harness.mjs';

test('a project with its team survives a restart', async () => {
  const db = freshDb('team');
  let app = await openApp(db);
  try {
    // First start: the welcome offers the demo or an empty start.
    await click(app, 'welcome-empty');
    await gone(app, 'welcome-dialog');
    await click(app, 'empty-new-project');

    await type(app, 'field-name', '職場の腰痛予防モデル事業');
    await type(app, 'field-program', '令和6年度 地域保健総合推進事業');
    await choose(app, 'field-prefecture', '山口県');
    await choose(app, 'field-profession', 'PT');
    await choose(app, 'field-theme', '腰痛予防');
    await choose(app, 'field-target', '企業');
    await type(app, 'field-goal', '酒造会社の職員の腰痛を減らす。');
    await click(app, 'save-project');

    assert.equal(await textOf(app, 'project-title'), '職場の腰痛予防モデル事業');
    assert.match(await textOf(app, 'project-society'), /山口県理学療法士会/);
    assert.match(await textOf(app, 'project-fiscal-year'), /^令和\d+年度$/);
    // The next step is the team: the page opens on its members, the name field ready.
    await app.waitUntil(
      async () => (await app.execute(() => document.activeElement?.getAttribute('data-testid'))) === 'member-add-name',
      { timeout: 5000, timeoutMsg: 'the member form did not get the focus' },
    );
    const where = () =>
      app.execute(() => {
        const r = document.querySelector('[data-testid="member-list"]').getBoundingClientRect();
        return { top: Math.round(r.top), height: window.innerHeight, scrolled: Math.round(window.scrollY) };
      });
    await app.waitUntil(async () => {
      const w = await where();
      return w.top >= -1 && w.top < w.height - 200;
    }, { timeout: 5000, timeoutMsg: 'the member list is not in view' }).catch(async (e) => {
      throw new Error(`${e.message}: ${JSON.stringify(await where())}`);
    });

    // The guide's first suggestions for a new team: its members, then a first meeting.
    const rules = () =>
      app.execute(() => [...document.querySelectorAll('[data-testid="suggestion"]')].map((e) => e.getAttribute('data-rule')));
    await app.waitUntil(async () => (await rules()).length > 0, { timeout: 5000, timeoutMsg: 'no suggestions for a new team' });
    assert.deepEqual((await rules()).slice(0, 2), ['few-members', 'first-meeting']);

    await type(app, 'member-add-name', '野村 智史');
    await choose(app, 'member-add-role', 'リーダー');
    await type(app, 'member-add-affiliation', '山口県理学療法士会');
    await click(app, 'member-add-submit');
    await app.waitUntil(async () => (await app.$$('[data-testid="member-row"]')).length === 1);

    await type(app, 'member-add-name', '北村 浩一');
    await choose(app, 'member-add-role', '伴走支援者');
    await click(app, 'member-add-submit');
    await app.waitUntil(async () => (await app.$$('[data-testid="member-row"]')).length === 2);

    // Every page opens at its top, not at the last page's scroll position.
    await click(app, 'nav-report');
    await app.execute(() => window.scrollTo(0, document.body.scrollHeight));
    await app.waitUntil(async () => (await app.execute(() => window.scrollY)) > 0, { timeout: 5000, timeoutMsg: 'the report page does not scroll' });
    await click(app, 'nav-meetings');
    await app.waitUntil(async () => (await app.execute(() => window.scrollY)) === 0, { timeout: 5000, timeoutMsg: '会議 opened scrolled down' });
  } finally {
    await app.deleteSession();
  }

  // What the window saved is in the file.
  const saved = cliProjects(db);
  assert.equal(saved.length, 1);
  assert.equal(saved[0].leader, '野村 智史');

  app = await openApp(db);
  try {
    assert.equal(await textOf(app, 'project-title'), '職場の腰痛予防モデル事業');
    assert.equal(await (await byId(app, 'welcome-dialog')).isExisting(), false, 'welcome only once');
    assert.equal(await textOf(app, 'project-leader'), '〇野村 智史');
    const rows = await app.$$('[data-testid="member-row"]');
    assert.equal(rows.length, 2);
    const leader = await app.$('[data-testid="member-row"][data-role="リーダー"] [data-testid="member-name"]');
    assert.equal(await leader.getText(), '〇野村 智史');
    const supporter = await app.$('[data-testid="member-row"][data-role="伴走支援者"] [data-testid="member-name"]');
    assert.equal(await supporter.getText(), '北村 浩一');
    await screenshot(app, 'main-window');
  } finally {
    await app.deleteSession();
  }
});
