// Texts that promise a capability ("…ができしだい", "準備中") go stale the day
// the capability lands. The catalog in src/catalog.rs is the one list of what
// is not built yet; any such phrase must name one of those sections or sit in
// a component that is shown only for them.
import { describe, expect, it } from 'vitest';
import catalogRs from '../../../src/catalog.rs?raw';

const PROMISES = ['できしだい', '準備中', '今後追加', '予定です', '近日', 'まだ使えません', '未実装'];
// Rendered only for sections whose `available` is false (App.svelte gates both).
const GATED = ['/src/components/Placeholder.svelte', '/src/App.svelte'];

const sources = import.meta.glob(['/src/**/*.{svelte,ts}', '!/src/**/*.test.ts', '!/src/lib/bindings/**', '!/src/**/__fixtures__/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const fixtures = import.meta.glob('/src/**/__fixtures__/**/*.svelte', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

// (key, label, None) for a section that exists, Some(what) for one to come.
const sections = [...catalogRs.matchAll(/\(\s*"(\w+)",\s*"([^"]+)",\s*(None|Some)\b/g)];

function notBuilt(): string[] {
  return sections.filter((m) => m[3] === 'Some').map((m) => m[2]);
}

export function stalePhrases(files: Record<string, string>, missing: string[]): string[] {
  const found: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    if (GATED.includes(path)) continue;
    text.split('\n').forEach((line, i) => {
      if (PROMISES.some((p) => line.includes(p)) && !missing.some((label) => line.includes(label))) {
        found.push(`${path}:${i + 1}: ${line.trim()}`);
      }
    });
  }
  return found;
}

describe('stale promises', () => {
  it('reads the sections from the catalog', () => {
    expect(sections.map((m) => m[1])).toContain('overview');
    expect(sections.length).toBeGreaterThanOrEqual(10);
  });

  it('finds no promise of a capability that exists', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    expect(stalePhrases(sources, notBuilt())).toEqual([]);
  });

  it('would catch one', () => {
    expect(stalePhrases(fixtures, ['テキスト分析'])).toEqual([
      '/src/lib/__fixtures__/components/Stale.svelte:1: <p>評価の推移は、評価の機能ができしだい表示します。</p>',
    ]);
  });
});
