// Typed wrappers over the shell's commands. Types come from Rust (ts-rs), so a
// change on one side that the other does not follow fails `npm run check`.
import { invoke } from '@tauri-apps/api/core';
import type { AppStatus } from './bindings/AppStatus';
import type { Catalog } from './bindings/Catalog';
import type { CommandError } from './bindings/CommandError';
import type { Member } from './bindings/Member';
import type { MemberInput } from './bindings/MemberInput';
import type { Project } from './bindings/Project';
import type { ProjectInput } from './bindings/ProjectInput';

export type { AppStatus, Catalog, CommandError, Member, MemberInput, Project, ProjectInput };

/** Whatever a command threw, as `{ code, message, fields }` with a Japanese message. */
export function toCommandError(e: unknown): CommandError {
  if (e && typeof e === 'object' && 'code' in e && 'message' in e) {
    const c = e as Partial<CommandError>;
    return {
      code: String(c.code),
      message: String(c.message),
      fields: Array.isArray(c.fields) ? c.fields : [],
    };
  }
  return {
    code: 'internal',
    message: `予期しないエラーが発生しました：${e instanceof Error ? e.message : String(e)}`,
    fields: [],
  };
}

/** Field key → message, for showing each error beside its input. */
export function fieldErrors(e: CommandError | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of e?.fields ?? []) {
    out[f.field] ??= f.message;
  }
  return out;
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toCommandError(e);
  }
}

export const api = {
  status: () => call<AppStatus>('app_status'),
  catalog: () => call<Catalog>('catalog'),
  finishWelcome: (loadDemo: boolean) => call<boolean>('finish_welcome', { loadDemo }),
  loadDemo: () => call<boolean>('load_demo'),
  projects: () => call<Project[]>('list_projects'),
  createProject: (input: ProjectInput) => call<Project>('create_project', { input }),
  updateProject: (id: number, input: ProjectInput) => call<Project>('update_project', { id, input }),
  deleteProject: (id: number) => call<void>('delete_project', { id }),
  members: (projectId: number) => call<Member[]>('list_members', { projectId }),
  addMember: (projectId: number, input: MemberInput) =>
    call<Member>('add_member', { projectId, input }),
  updateMember: (id: number, input: MemberInput) => call<Member>('update_member', { id, input }),
  removeMember: (id: number) => call<void>('remove_member', { id }),
};
