// Today as Rust names it (date, 和暦, 年度), shared by every form's defaults.
// App refreshes it at start and whenever the window comes back into view, so a
// window left open overnight offers the new day.
import { api } from './api';
import type { Today } from './bindings/Today';

export const today = $state<{ value: Today | null }>({ value: null });

export async function refreshToday(): Promise<Today> {
  today.value = await api.today();
  return today.value;
}

/** Today's date (YYYY-MM-DD) for a date field's default. */
export function todayDate(): string {
  return today.value?.date ?? '';
}
