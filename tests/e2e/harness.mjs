// Shared helpers for the WebDriver journeys: the real app binary, driven through
// tauri-driver (started by scripts/e2e.sh), each journey with its own data folder.
import { remote } from 'webdriverio';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..', '..');
const targetDir = process.env.CARGO_TARGET_DIR ?? path.join(repoRoot, 'target');
export const appBinary = process.env.BANSOU_APP ?? path.join(targetDir, 'debug', 'bansou-note');
export const cliBinary = process.env.BANSOU_CLI ?? path.join(targetDir, 'debug', 'bansou');
export const artifacts = path.join(repoRoot, 'artifacts');
/** Where the app writes exports during the journeys (scripts/e2e.sh sets it). */
export const saveDir = process.env.BANSOU_TEST_SAVE_DIR ?? '';

/** Runs the headless CLI on `db` (e.g. to prepare data a journey needs). */
export function cli(db, args) {
  return execFileSync(cliBinary, ['--db', db, ...args], { encoding: 'utf8' });
}

/** A fresh database path in its own temporary folder. */
export function freshDb(name) {
  const dir = mkdtempSync(path.join(tmpdir(), `bansou-e2e-${name}-`));
  return path.join(dir, 'bansou.sqlite3');
}

/** Starts the app on `db` and waits until the page has drawn (`small`: on the
 *  1024×640 screen scripts/e2e.sh provides). */
export async function openApp(db, { small = false } = {}) {
  const port = small ? process.env.TAURI_SMALL_DRIVER_PORT ?? 4446 : process.env.TAURI_DRIVER_PORT ?? 4444;
  const log = small ? process.env.BANSOU_SMALL_DRIVER_LOG : process.env.BANSOU_DRIVER_LOG;
  const session = () =>
    remote({
      hostname: '127.0.0.1',
      port: Number(port),
      logLevel: 'warn',
      connectionRetryCount: 2,
      // The app is up in a second or two; a launch that never answers is known
      // within this time instead of undici's five minutes.
      connectionRetryTimeout: 60000,
      capabilities: {
        'tauri:options': { application: appBinary, args: ['--db', db] },
      },
    });
  const seen = log && existsSync(log) ? statSync(log).size : 0;
  let browser;
  try {
    browser = await session();
  } catch (e) {
    // Under Xvfb, GTK has (about once in 200 launches here) failed to open the
    // display; WebKitWebDriver then waits for a window that never comes. Only
    // that is retried, once and said aloud: the app failing on its own fails.
    const said = log && existsSync(log) ? readFileSync(log).subarray(seen).toString('utf8') : '';
    if (!/Failed to initialize gtk/i.test(said)) throw e;
    console.warn(`# アプリの起動で GTK が画面を開けませんでした（Xvfb）。もう一度起動します：${e.message}`);
    browser = await session();
  }
  await browser.setTimeout({ implicit: 0 });
  // A wait that times out says what the window was showing then (messages,
  // errors, the focused field): CI keeps only the printed output.
  const explained = async function (original, condition, options) {
    try {
      return await original(condition, options);
    } catch (e) {
      e.message += `\n${await shown(browser)}`;
      throw e;
    }
  };
  browser.overwriteCommand('waitUntil', explained);
  // Elements wait through their own waitUntil (waitForDisplayed, waitForClickable…).
  browser.overwriteCommand('waitUntil', explained, true);
  await browser.waitUntil(
    async () => (await browser.execute(() => document.body.innerText.length)) > 0,
    { timeout: 15000, timeoutMsg: 'the window did not draw' },
  );
  try {
    if (!small) await audit(browser, 'start');
  } catch (e) {
    // The journey's own finally has not begun; without this the session would
    // hold tauri-driver's only slot and fail every journey after it.
    await browser.deleteSession();
    throw e;
  }
  return browser;
}

/** The window's messages, errors and focused field, as text for a failure message. */
async function shown(browser) {
  try {
    return await browser.execute(() => {
      const lines = [...document.querySelectorAll('[role="alert"], [role="status"], .error-text')]
        .map((e) => (e.textContent ?? '').trim())
        .filter(Boolean)
        .map((t) => `  表示: ${t.slice(0, 160)}`);
      const a = document.activeElement;
      const focus = a ? `${a.tagName.toLowerCase()}${a.getAttribute('data-testid') ? `[${a.getAttribute('data-testid')}]` : ''}` : 'なし';
      return [`画面（${location.hash || '/'}、フォーカス ${focus}、スクロール ${Math.round(window.scrollY)}px）`, ...lines].join('\n');
    });
  } catch (e) {
    return `画面を読めませんでした：${e.message}`;
  }
}

/** Waits until no element with `id` is in the page (asked in one request, so a
 *  dialog that closes mid-way cannot leave a stale handle). */
export async function gone(browser, id, timeout = 10000) {
  await browser.waitUntil(
    async () => !(await browser.execute((sel) => !!document.querySelector(sel), `[data-testid="${id}"]`)),
    { timeout, timeoutMsg: `${id} is still there` },
  );
}

export function byId(browser, id) {
  return browser.$(`[data-testid="${id}"]`);
}

/** Waits until the page the window is opening has settled: after a move the
 *  app scrolls it to its top (or to a new project's members) once drawn, and
 *  marks the move on <html data-moving> until then; a click in between lands
 *  where the page no longer is (the cause of a click on a just-opened form
 *  that missed its field, about one run in seven). */
export async function settled(browser) {
  await browser.waitUntil(() => browser.execute(() => !document.documentElement.dataset.moving), {
    timeout: 10000,
    interval: 50,
    timeoutMsg: 'the page did not settle after a move (html[data-moving] stayed)',
  });
}

/** Waits until nothing on the page has changed for `ms` (at most 3 s). */
async function quiet(browser, ms) {
  await browser.execute(
    (ms) =>
      new Promise((done) => {
        let timer = setTimeout(finish, ms);
        const limit = setTimeout(finish, 3000);
        const seen = new MutationObserver(() => {
          clearTimeout(timer);
          timer = setTimeout(finish, ms);
        });
        function finish() {
          seen.disconnect();
          clearTimeout(timer);
          clearTimeout(limit);
          done(true);
        }
        seen.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      }),
    ms,
  );
}

export async function click(browser, id, { audit: check = true } = {}) {
  await settled(browser);
  const el = await byId(browser, id);
  await el.waitForExist({ timeout: 10000 });
  // As a user would: scroll to it first (clickable means inside the viewport).
  await browser.execute((e) => e.scrollIntoView({ block: 'center' }), el);
  await el.waitForClickable({ timeout: 10000 });
  // …and wait until it stays where it is: a form that is still filling in
  // (a warning that arrives, a reading beside a date) moves what is below it,
  // and a press and release that land on two different places is no click
  // (the save button kept the focus and nothing was saved).
  await browser.execute(
    (e) =>
      new Promise((done) => {
        let last = '';
        let still = 0;
        // Frames may be throttled: the cap is a timer of its own.
        const cap = setTimeout(() => done(true), 2000);
        const look = () => {
          const r = e.getBoundingClientRect();
          const now = `${r.x},${r.y},${r.width},${r.height}`;
          still = now === last ? still + 1 : 0;
          last = now;
          if (still >= 3) {
            clearTimeout(cap);
            done(true);
          } else requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      }),
    el,
  );
  // A form's save waits until the form has stopped filling in: its warnings
  // come 300 ms after the last keystroke and its people as they load, and
  // either moves the button (a save pressed in between did nothing).
  if (/-(save|submit|apply)$/.test(id)) await quiet(browser, 400);
  await el.click();
  // Every page a journey visits is checked at both window sizes and by axe.
  if (check && id.startsWith('nav-')) await audit(browser, id.slice(4));
}

/** Ticks the first checkbox whose id starts with `prefix`, as a user would
 *  (scrolled to the middle of the window), and waits until it shows the tick. */
export async function tick(browser, prefix) {
  const box = await browser.$(`[data-testid^="${prefix}"]`);
  await box.waitForExist({ timeout: 10000 });
  await click(browser, await box.getAttribute('data-testid'));
  await box.waitUntil(async () => box.isSelected(), { timeout: 5000, timeoutMsg: `「${prefix}…」にチェックが入りませんでした` });
}

export async function type(browser, id, text) {
  await settled(browser);
  const el = await byId(browser, id);
  await el.waitForDisplayed({ timeout: 10000 });
  await el.setValue(text);
}

export async function choose(browser, id, label) {
  await settled(browser);
  const el = await byId(browser, id);
  await el.waitForDisplayed({ timeout: 10000 });
  await el.selectByVisibleText(label);
}

export async function textOf(browser, id) {
  const el = await byId(browser, id);
  await el.waitForDisplayed({ timeout: 10000 });
  return el.getText();
}

export async function valueOf(browser, id) {
  return (await byId(browser, id)).getValue();
}

export async function screenshot(browser, name) {
  mkdirSync(path.dirname(path.join(artifacts, name)), { recursive: true });
  const file = path.join(artifacts, `${name}.png`);
  await browser.saveScreenshot(file);
  return file;
}

/** The window sizes every page must work at: the smallest office notebook and full HD. */
export const SIZES = [
  [1024, 640],
  [1920, 1080],
];
const journey = path.basename(process.argv[1] ?? 'journey', '.test.mjs');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const axeLog = [];

/** What is wrong with the page's layout at the current size (empty when nothing). */
export function layoutProblems(browser) {
  return browser.execute(() => {
    const out = [];
    const de = document.documentElement;
    const width = de.clientWidth;
    if (de.scrollWidth > width + 1) out.push(`ページが横にはみ出しています（${de.scrollWidth}px > ${width}px）`);
    const visible = (r) => r.width > 0 && r.height > 0;
    const say = (el) => `${el.tagName.toLowerCase()}「${(el.innerText || el.value || '').trim().slice(0, 24)}」`;
    // Text squeezed to one character per line.
    for (const el of document.querySelectorAll('td, th, dd, dt, label, button, a, li, p, h1, h2, h3, legend, strong')) {
      const r = el.getBoundingClientRect();
      if (!visible(r)) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      const text = (el.innerText || '').trim();
      if ([...text].length >= 3 && r.width < size * 2.2 && r.height > size * 2.6) out.push(`1文字幅に押しつぶされています：${say(el)}（幅${Math.round(r.width)}px）`);
    }
    // Controls out of reach: right of the window, unless inside a table that scrolls.
    for (const el of document.querySelectorAll('button, select, input, textarea, a[href]')) {
      const r = el.getBoundingClientRect();
      if (visible(r) && r.right > width + 1 && !el.closest('.table-wrap')) out.push(`画面の外にあります：${say(el)}`);
    }
    // The menu: every item reachable (on screen, or in a menu that scrolls and
    // shows its bar), the current page's item in view.
    const nav = document.querySelector('nav.sidebar');
    if (nav) {
      const nr = nav.getBoundingClientRect();
      const scrolls = nav.scrollHeight > nav.clientHeight + 1;
      const bar = nav.offsetWidth - nav.clientWidth;
      if (scrolls && (!['auto', 'scroll'].includes(getComputedStyle(nav).overflowY) || bar < 6)) {
        out.push(`メニューの下の項目があることが見えません（${nav.scrollHeight}px > ${nav.clientHeight}px、スクロールバー ${bar}px）`);
      }
      const current = nav.querySelector('[aria-current="page"]');
      if (current) {
        const r = current.getBoundingClientRect();
        if (r.top < Math.max(nr.top, 0) - 1 || r.bottom > Math.min(nr.bottom, window.innerHeight) + 1) {
          out.push(`いまのページがメニューで見えていません：${say(current)}`);
        }
      }
    }
    // A table wider than its card scrolls, and shows a scrollbar (else a cut
    // 「削除」 reads 「削」 with no hint that there is more).
    for (const wrap of document.querySelectorAll('.table-wrap')) {
      if (!visible(wrap.getBoundingClientRect()) || wrap.scrollWidth <= wrap.clientWidth + 1) continue;
      const cell = wrap.querySelector('th, td') ?? wrap;
      if (!['auto', 'scroll'].includes(getComputedStyle(wrap).overflowX)) out.push(`表が切れています：${say(cell)}`);
      else if (wrap.offsetHeight - wrap.clientHeight < 6) out.push(`表が横にスクロールすることが見えません：${say(cell)}`);
    }
    // A row's operations (its last cell's buttons: 編集・削除) are whole in view
    // without scrolling, however wide the table.
    for (const wrap of document.querySelectorAll('.table-wrap')) {
      const wr = wrap.getBoundingClientRect();
      if (!visible(wr)) continue;
      for (const b of wrap.querySelectorAll('tr > td:last-child button')) {
        const r = b.getBoundingClientRect();
        if (visible(r) && (r.right > wr.right + 1 || r.left < wr.left - 1)) {
          out.push(`表の操作が切れています：${say(b)}`);
          break;
        }
      }
    }
    // The toast never covers a row's operations (編集・削除).
    const toast = document.querySelector('[data-testid="notice"]');
    if (toast && visible(toast.getBoundingClientRect())) {
      const t = toast.getBoundingClientRect();
      for (const b of document.querySelectorAll('td.ops button')) {
        const r = b.getBoundingClientRect();
        if (visible(r) && r.left < t.right && r.right > t.left && r.top < t.bottom && r.bottom > t.top) {
          out.push(`お知らせが操作を隠しています：${say(b)}`);
          break;
        }
      }
    }
    // Content running past its card (a scrolling table may, inside its wrapper).
    for (const card of document.querySelectorAll('.card')) {
      const edge = card.getBoundingClientRect().right;
      for (const el of card.querySelectorAll('*')) {
        const wrap = el.closest('.table-wrap');
        if (wrap && wrap !== el) continue;
        const r = el.getBoundingClientRect();
        if (visible(r) && r.right > edge + 1) {
          out.push(`カードからはみ出しています：${say(el)}`);
          break;
        }
      }
    }
    return out;
  });
}

/** axe-core on the page as it is now; violations of every impact, for the log. */
async function axeViolations(browser) {
  // The app's CSP forbids eval, so axe arrives as a script of its own (WebDriver
  // scripts run outside the page's CSP).
  if (!(await browser.execute(() => !!window.axe))) await browser.execute(`${axeSource}\nreturn typeof window.axe;`);
  return browser.execute(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
}

async function waitForWidth(browser, w) {
  await browser.waitUntil(async () => (await browser.execute(() => window.innerWidth)) === w, {
    timeout: 5000,
    timeoutMsg: `the window did not become ${w} px wide`,
  });
  // Two frames for the layout to settle after the resize.
  await browser.execute(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Checks the page at both sizes (layout, screenshots) and with axe-core; fails on a
 *  layout problem or a serious/critical accessibility violation. */
export async function audit(browser, page) {
  const before = await browser.getWindowSize();
  const problems = [];
  for (const [w, h] of SIZES) {
    await browser.setWindowSize(w, h);
    await waitForWidth(browser, w);
    for (const p of await layoutProblems(browser)) problems.push(`${w}×${h}: ${p}`);
    await screenshot(browser, `screens/${journey}/${page}-${w}x${h}`);
  }
  await browser.setWindowSize(before.width, before.height);
  await waitForWidth(browser, before.width);
  const violations = await axeViolations(browser);
  axeLog.push({ page, violations });
  mkdirSync(path.join(artifacts, 'axe'), { recursive: true });
  writeFileSync(path.join(artifacts, 'axe', `${journey}.json`), JSON.stringify(axeLog, null, 1));
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of serious) problems.push(`axe ${v.impact}: ${v.id}（${v.help}）${v.nodes.join(' / ')}`);
  if (problems.length && process.env.BANSOU_AUDIT_REPORT_ONLY) {
    writeFileSync(path.join(artifacts, 'axe', `${journey}.problems.txt`), `${page}\n${problems.join('\n')}\n`, { flag: 'a' });
    return;
  }
  if (problems.length) throw new Error(`「${page}」の画面に問題があります:\n${problems.join('\n')}`);
}

/** What the headless CLI sees in the same database: the ground truth of what was saved. */
export function cliProjects(db) {
  return JSON.parse(execFileSync(cliBinary, ['--db', db, 'projects', '--json'], { encoding: 'utf8' }));
}

/** From the welcome of a fresh database: start empty and register one project. */
export async function startWithProject(browser, name) {
  await click(browser, 'welcome-empty');
  await click(browser, 'empty-new-project');
  await type(browser, 'field-name', name);
  await choose(browser, 'field-prefecture', '山口県');
  await choose(browser, 'field-profession', 'PT');
  await choose(browser, 'field-theme', '腰痛予防');
  await choose(browser, 'field-target', '企業');
  await click(browser, 'save-project');
  await (await byId(browser, 'project-title')).waitForDisplayed({ timeout: 10000 });
  await audit(browser, 'overview');
}

/** Registers an organisation on the 関係機関・資料 page. */
export async function addStakeholder(browser, name, kind) {
  await click(browser, 'nav-stakeholders');
  await click(browser, 'org-new');
  await type(browser, 'org-name', name);
  await choose(browser, 'org-kind', kind);
  await click(browser, 'org-save');
  await browser.waitUntil(async () => {
    for (const el of await browser.$$('[data-testid="org-row-name"]')) {
      if ((await el.getText()) === name) return true;
    }
    return false;
  }, { timeout: 10000, timeoutMsg: `${name} did not appear` });
}
