// Files the window writes (reports, forms, CSV): where they go is chosen in
// the system save dialog (the shell checks it and hands back a token), and the
// work runs while the user goes on elsewhere — App shows its progress and the
// result wherever the user is.
import { listen } from '@tauri-apps/api/event';
import { api, toCommandError } from './api';
import type { CommandError } from './bindings/CommandError';
import type { ExportKind } from './bindings/ExportKind';
import type { ExportResult } from './bindings/ExportResult';

export const exporting = $state({
  /** What is being made, e.g. 「進捗報告書」; empty when idle. */
  what: '',
  step: '',
  done: null as ExportResult | null,
  error: null as CommandError | null,
});

let listening = false;

/** Hears the report's progress events (once per window). */
export function listenForProgress(): void {
  if (listening) return;
  listening = true;
  listen<string>('report-progress', (e) => {
    if (exporting.what) exporting.step = e.payload;
  }).catch(() => {
    listening = false;
  });
}

/**
 * Asks where to save (system dialog), then runs `write` with the chosen
 * target. Returns null when the user cancels or it fails (the error is in
 * `exporting.error`).
 */
export async function runExport(
  what: string,
  kind: ExportKind,
  defaultName: string,
  write: (target: string) => Promise<ExportResult>,
): Promise<ExportResult | null> {
  exporting.error = null;
  exporting.done = null;
  try {
    const target = await api.chooseExport(kind, defaultName);
    if (!target) return null;
    exporting.what = what;
    exporting.step = '準備';
    const result = await write(target.token);
    exporting.done = result;
    return result;
  } catch (e) {
    exporting.error = toCommandError(e);
    return null;
  } finally {
    exporting.what = '';
    exporting.step = '';
  }
}

export function clearExport(): void {
  exporting.done = null;
  exporting.error = null;
}
