import { describe, expect, it } from 'vitest';
import { trapFocus } from './focus';

function setup() {
  document.body.innerHTML = '<button id="behind">behind</button><div id="dialog"><button id="a">a</button><button id="b">b</button></div>';
  const behind = document.getElementById('behind')!;
  behind.focus();
  return { behind, dialog: document.getElementById('dialog')!, a: document.getElementById('a')!, b: document.getElementById('b')! };
}

describe('trapFocus', () => {
  it('moves focus into the dialog and gives it back when closed', () => {
    const { behind, dialog, a } = setup();
    const trap = trapFocus(dialog);
    expect(document.activeElement).toBe(a);
    trap.destroy();
    expect(document.activeElement).toBe(behind);
  });

  it('brings focus back when it leaves, to the end it left from', () => {
    const { behind, dialog, a, b } = setup();
    const trap = trapFocus(dialog);
    expect(document.activeElement).toBe(a);
    behind.focus(); // as Shift+Tab from the first would
    expect(document.activeElement).toBe(b);
    behind.focus(); // as Tab from the last would
    expect(document.activeElement).toBe(a);
    trap.destroy();
  });

  it('cycles Tab from the last to the first', () => {
    const { dialog, a, b } = setup();
    const trap = trapFocus(dialog);
    b.focus();
    const tab = new KeyboardEvent('keydown', { key: 'Tab', bubbles: true, cancelable: true });
    b.dispatchEvent(tab);
    expect(tab.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(a);
    trap.destroy();
  });
});
