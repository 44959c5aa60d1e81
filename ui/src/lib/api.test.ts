import { afterEach, describe, expect, it } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { api, fieldErrors, toCommandError } from './api';

afterEach(() => clearMocks());

describe('api', () => {
  it('passes arguments in the shape the Rust commands take', async () => {
    const seen: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return [];
    });
    await api.listMembers(7);
    expect(seen).toEqual([['list_members', { projectId: 7 }]]);
  });

  it('turns a command failure into { code, message, fields }', async () => {
    mockIPC(() => {
      throw { code: 'validation', message: '入力内容を確認してください（1件）', fields: [{ field: 'name', message: '事業名を入力してください' }] };
    });
    const err = await api.createProject({} as never).catch((e) => e);
    expect(err.code).toBe('validation');
    expect(fieldErrors(err)).toEqual({ name: '事業名を入力してください' });
  });

  it('tells the shell which command failed, once, for its diagnostic log', async () => {
    const seen: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      if (cmd === 'report_failure') throw 'the log is not writable';
      throw 'invalid args `input` for command `create_project`';
    });
    const err = await api.createProject({} as never).catch((e) => e);
    expect(err.code).toBe('internal');
    await new Promise((r) => setTimeout(r, 0));
    expect(seen.map(([c]) => c)).toEqual(['create_project', 'report_failure']);
    expect(seen[1][1]).toEqual({ command: 'create_project', code: 'internal' });
  });

  it('gives a Japanese message for anything unexpected', () => {
    const e = toCommandError(new Error('boom'));
    expect(e.code).toBe('internal');
    expect(e.message).toContain('予期しないエラー');
    expect(e.message).toContain('boom');
  });
});

describe('types', () => {
  // One way in: a component takes the generated types from lib/api, which
  // re-exports what the window needs; only lib/ reads bindings/ itself.
  const outside = import.meta.glob(['/src/**/*.{svelte,ts}', '!/src/lib/**'], {
    query: '?raw',
    import: 'default',
    eager: true,
  }) as Record<string, string>;

  it('come to components from lib/api, never from bindings/', () => {
    expect(Object.keys(outside)).toContain('/src/App.svelte');
    const direct = Object.entries(outside)
      .filter(([, text]) => /from ['"][^'"]*\/bindings\//.test(text))
      .map(([path]) => path);
    expect(direct).toEqual([]);
  });
});
