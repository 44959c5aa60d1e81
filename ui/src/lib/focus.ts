// Keeps keyboard focus inside a modal dialog (Tab and Shift+Tab cycle within
// it) and gives it back to where it was when the dialog closes.

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

export function trapFocus(node: HTMLElement) {
  const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const focusables = () =>
    [...node.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((e) => !e.hasAttribute('disabled'));
  function onkeydown(e: KeyboardEvent) {
    if (e.key !== 'Tab') return;
    const list = focusables();
    if (list.length === 0) return;
    const first = list[0];
    const last = list[list.length - 1];
    const inside = node.contains(document.activeElement);
    if (e.shiftKey && (document.activeElement === first || !inside)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (document.activeElement === last || !inside)) {
      e.preventDefault();
      first.focus();
    }
  }
  // Whatever moved it (a key the handler above did not recognise, a click
  // behind the dialog), focus that leaves comes back: to the end it left from.
  let last: HTMLElement | null = null;
  function onfocusin(e: FocusEvent) {
    const target = e.target as HTMLElement;
    if (node.contains(target)) {
      last = target;
      return;
    }
    const list = focusables();
    if (list.length === 0) return;
    (last === list[0] ? list[list.length - 1] : list[0]).focus();
  }
  // On the document, so a Tab pressed while focus slipped outside still lands inside.
  document.addEventListener('keydown', onkeydown, true);
  document.addEventListener('focusin', onfocusin, true);
  if (!node.contains(document.activeElement)) focusables()[0]?.focus();
  return {
    destroy() {
      document.removeEventListener('keydown', onkeydown, true);
      document.removeEventListener('focusin', onfocusin, true);
      if (previous && document.contains(previous)) previous.focus();
    },
  };
}
