// Typed text is never lost. Every form keeps what is typed as a draft while it
// differs from what was loaded: leaving the page (the sidebar, another
// project) keeps the draft, and the form comes back with it when the user
// returns — after a restart too (the window's storage). Closing a form that
// holds changes (キャンセル, Escape) asks first. One mechanism for every form.
import { toCommandError, type CommandError } from './api';

const PREFIX = 'bansou.draft.';
let scope = '';

/** Drafts belong to one database file: a draft of another file never shows. */
export function setDraftScope(dbPath: string): void {
  scope = dbPath;
}

function storageKey(key: string): string {
  return `${PREFIX}${scope}\u0000${key}`;
}

/** A form's state: what it edits (`input`), what it started from, and where its draft lives. */
export interface FormState<T> {
  key: string;
  /** The record being edited, or null for a new one. */
  id: number | null;
  input: T;
  original: T;
  /** True when `input` came back from a draft. */
  restored: boolean;
}

// Compared with the keys in order, so a form made elsewhere (Rust's to_input)
// matches a draft left by the same form made here, whatever its key order.
const sorted = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(sorted)
    : v !== null && typeof v === 'object'
      ? Object.fromEntries(
          Object.keys(v as object)
            .sort()
            .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
        )
      : v;
const same = (a: unknown, b: unknown) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function read<T>(key: string): { original: T; input: T } | null {
  try {
    const raw = localStorage.getItem(storageKey(key));
    return raw ? (JSON.parse(raw) as { original: T; input: T }) : null;
  } catch {
    return null;
  }
}

/** Opens a form on `input`, or on the draft left for the same form. */
export function openForm<T>(key: string, id: number | null, input: T): FormState<T> {
  const saved = read<T>(key);
  return saved && same(saved.original, input)
    ? { key, id, input: saved.input, original: copy(input), restored: true }
    : { key, id, input: copy(input), original: copy(input), restored: false };
}

/**
 * Opens a form on a record that exists, on the input Rust makes from it
 * (`load`, e.g. `api.meetingInput`), keyed `<kind>:<owner>:<id>` where the
 * owner is the page's project or program (`owner()`). Null when another one
 * was opened while the input was read: the record is not that page's.
 */
export async function openRecordForm<T>(
  kind: string,
  owner: () => number,
  id: number,
  load: (id: number) => Promise<T>,
): Promise<FormState<T> | null> {
  const was = owner();
  const input = await load(id);
  return was === owner() ? openForm(`${kind}:${was}:${id}`, id, input) : null;
}

/** The draft a page left open under `prefix` (e.g. `meeting:3:`), if any. */
export function pendingForm<T>(prefix: string): FormState<T> | null {
  const start = storageKey(prefix);
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (!k || !k.startsWith(start)) continue;
    const key = k.slice(storageKey('').length);
    const saved = read<T>(key);
    if (!saved) continue;
    const idText = key.split(':').at(-1) ?? '';
    const id = idText === 'new' ? null : Number(idText);
    return { key, id: Number.isNaN(id) ? null : id, input: saved.input, original: saved.original, restored: true };
  }
  return null;
}

export function isDirtyForm<T>(form: FormState<T> | null): boolean {
  return !!form && !same(form.input, form.original);
}

/** Keeps the form's typing as a draft (call from an $effect: it reads every field). */
export function keepDraft<T>(form: FormState<T> | null): void {
  if (!form) return;
  try {
    if (same(form.input, form.original)) localStorage.removeItem(storageKey(form.key));
    else localStorage.setItem(storageKey(form.key), JSON.stringify({ original: form.original, input: form.input }));
  } catch {
    // Storage full or refused: the form itself still holds the text.
  }
}

export function dropDraft(key: string): void {
  try {
    localStorage.removeItem(storageKey(key));
  } catch {
    // Nothing stored.
  }
}

/** The question before typed text is thrown away, answered in App's dialog. */
export const discard = $state<{ resolve: ((yes: boolean) => void) | null }>({ resolve: null });

export function askDiscard(): Promise<boolean> {
  return new Promise((resolve) => {
    discard.resolve = (yes) => {
      discard.resolve = null;
      resolve(yes);
    };
  });
}

/**
 * Closes a form (キャンセル, Escape): asks first when it holds changes.
 * Resolves true when the form may close; its draft is then gone.
 */
export async function closeForm<T>(form: FormState<T> | null): Promise<boolean> {
  if (!form) return true;
  if (isDirtyForm(form) && !(await askDiscard())) return false;
  dropDraft(form.key);
  return true;
}

/**
 * After a failed save: brings the first field in error into view and focuses
 * it (or the form's error banner when no field is named), so the message is
 * seen wherever the user was on a long form.
 */
export function focusFirstError(root: HTMLElement | null | undefined): void {
  if (!root) return;
  queueMicrotask(() =>
    requestAnimationFrame(() => {
      // The first field in error, in page order; in a group of inputs (開始〜終了
      // 時刻) the one the error is about, when it says so with aria-invalid.
      const box = root.querySelector<HTMLElement>('.invalid, [aria-invalid="true"], [data-over-limit]');
      const controls = 'input, select, textarea';
      const field = !box
        ? null
        : box.matches(controls)
          ? box
          : (box.querySelector<HTMLElement>('[aria-invalid="true"], [data-over-limit]') ?? box.querySelector<HTMLElement>(controls));
      const target = field ?? root.querySelector<HTMLElement>('[role="alert"]');
      if (!target) return;
      if (!field) target.tabIndex = -1;
      target.scrollIntoView({ block: 'center' });
      target.focus();
    }),
  );
}

/** What one record form does around a save (see `saveForm`). */
export interface SaveSteps<T, R> {
  /** Writes a form that edits no record yet (id null): adds one, or sets
   *  what the form edits when it has no id of its own (a scale, a plan step). */
  create?: (input: T) => Promise<R>;
  /** Writes the record the form edits (its id). */
  update?: (id: number, input: T) => Promise<R>;
  /** Shows the library's refusal beside the form; null once the record is saved. */
  error: (e: CommandError | null) => void;
  /** The form element: after a refusal its first field in error takes the focus.
   *  Left out by a form that keeps the focus where it is. */
  focus?: HTMLElement | null;
  /** After the save, the draft already gone: close (or reopen) the form,
   *  reload what the page shows, say what was saved. Given the record the
   *  library answered and the input that was written. */
  saved: (record: R, input: T) => unknown;
}

/**
 * The save of every record form, in one order: write the record (create, or
 * update the one the form edits), drop the draft, clear the error, then
 * `saved` closes the form, reloads and says so. A refusal keeps the form and
 * its draft as typed, shows the error and focuses the first field in error.
 * (A throw from `saved` itself lands there too, as it did in each form before;
 * the pages' loads catch their own errors.) Resolves true when the record was saved.
 */
export async function saveForm<T, R>(form: FormState<T>, steps: SaveSteps<T, R>): Promise<boolean> {
  // A second press of 保存 while the first is still writing (a double click)
  // would add the record twice: it is ignored.
  if (saving.has(form.key)) return false;
  saving.add(form.key);
  try {
    const input = $state.snapshot(form.input) as T;
    let record: R;
    if (form.id === null) {
      if (!steps.create) throw new Error('新しい記録は作れないフォームです');
      record = await steps.create(input);
    } else {
      if (!steps.update) throw new Error('記録を変更できないフォームです');
      record = await steps.update(form.id, input);
    }
    dropDraft(form.key);
    steps.error(null);
    await steps.saved(record, input);
    return true;
  } catch (err) {
    steps.error(toCommandError(err));
    focusFirstError(steps.focus);
    return false;
  } finally {
    saving.delete(form.key);
  }
}

/** The forms (by key) whose save is under way. */
const saving = new Set<string>();
