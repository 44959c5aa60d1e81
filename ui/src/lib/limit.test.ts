import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { countChars, counterText, limit } from './limit';
import LimitedField from './__fixtures__/LimitedField.svelte';

function field(html: string) {
  document.body.innerHTML = html;
  return document.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea')!;
}

function counterOf(node: Element) {
  const ids = (node.getAttribute('aria-describedby') ?? '').split(' ');
  return document.getElementById(ids[ids.length - 1])!;
}

/** What a paste or a key press does: the value changes, then `input` fires. */
function typeInto(node: HTMLInputElement | HTMLTextAreaElement, text: string) {
  node.value = text;
  node.dispatchEvent(new Event('input', { bubbles: true }));
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('countChars', () => {
  it('counts as Rust does: one per Unicode scalar value, after trimming', () => {
    expect(countChars('𠮷野家')).toBe(3);
    expect('𠮷'.length).toBe(2);
    expect(countChars('  事業名　\n')).toBe(3); // 　 (U+3000) is White_Space too
    expect(countChars('一行目\r\n二行目')).toBe(7);
    expect(countChars('')).toBe(0);
  });
});

describe('counterText', () => {
  it('is empty well within the limit, a count near it, a message past it', () => {
    expect(counterText(80, 100)).toBe('');
    expect(counterText(81, 100)).toBe('81／100文字');
    expect(counterText(100, 100)).toBe('100／100文字');
    expect(counterText(101, 100)).toBe('101／100文字（100文字を超えています）');
  });
});

describe('limit', () => {
  it('shows the count once the text passes 80% of the limit', () => {
    const input = field('<div class="field"><input id="name" /></div>');
    limit(input, 100);
    const counter = counterOf(input);
    expect(counter.className).toBe('limit-count');
    expect(counter.getAttribute('aria-live')).toBe('polite');
    expect(counter.previousElementSibling).toBe(input);
    expect(counter.textContent).toBe('');
    typeInto(input, 'あ'.repeat(12));
    expect(counter.textContent).toBe('');
    typeInto(input, 'あ'.repeat(90));
    expect(counter.textContent).toBe('90／100文字');
    expect(counter.classList.contains('over')).toBe(false);
  });

  it('keeps a 300-character paste whole and says it is too long', () => {
    const area = field('<textarea></textarea>');
    limit(area, 100);
    const pasted = '議'.repeat(300);
    typeInto(area, pasted);
    expect(area.value).toBe(pasted);
    expect(area.hasAttribute('maxlength')).toBe(false);
    const counter = counterOf(area);
    expect(counter.textContent).toBe('300／100文字（100文字を超えています）');
    expect(counter.classList.contains('over')).toBe(true);
    expect(area.hasAttribute('data-over-limit')).toBe(true);
    typeInto(area, '議'.repeat(100));
    expect(counter.textContent).toBe('100／100文字');
    expect(counter.classList.contains('over')).toBe(false);
    expect(area.hasAttribute('data-over-limit')).toBe(false);
  });

  it('counts a surrogate pair as one character', () => {
    const input = field('<input />');
    limit(input, 4);
    typeInto(input, '𠮷𠮷𠮷𠮷');
    expect(input.value.length).toBe(8);
    expect(counterOf(input).textContent).toBe('4／4文字');
    typeInto(input, '𠮷𠮷𠮷𠮷𠮷');
    expect(counterOf(input).textContent).toBe('5／4文字（4文字を超えています）');
  });

  it('follows a value set by the program, without an input event', () => {
    const input = field('<input />');
    limit(input, 10);
    input.value = '0123456789AB';
    expect(counterOf(input).textContent).toBe('12／10文字（10文字を超えています）');
    input.value = '';
    expect(counterOf(input).textContent).toBe('');
    expect(input.value).toBe('');
  });

  it('adds to aria-describedby and gives it back as it was', () => {
    const input = field('<p id="hint">例</p><input aria-describedby="hint" />');
    const action = limit(input, 10);
    const counterId = counterOf(input).id;
    expect(input.getAttribute('aria-describedby')).toBe(`hint ${counterId}`);
    action.destroy();
    expect(input.getAttribute('aria-describedby')).toBe('hint');
    expect(document.getElementById(counterId)).toBeNull();
    // The value is the element's own again.
    expect(Object.getOwnPropertyDescriptor(input, 'value')).toBeUndefined();
  });

  it('takes a new limit', () => {
    const input = field('<input />');
    const action = limit(input, 10);
    typeInto(input, 'あ'.repeat(9));
    expect(counterOf(input).textContent).toBe('9／10文字');
    action.update(5);
    expect(counterOf(input).textContent).toBe('9／5文字（5文字を超えています）');
  });

  it('puts the counter after a wrapping label, not inside it', () => {
    const input = field('<form><label>提案<input /></label><p class="field-error"></p></form>');
    limit(input, 100);
    const counter = counterOf(input);
    expect(counter.parentElement?.tagName).toBe('FORM');
    expect(counter.previousElementSibling?.tagName).toBe('LABEL');
    expect(document.querySelector('label')?.textContent).toBe('提案');
  });

  it('puts the counter under a row of field and button', () => {
    const input = field('<div class="field"><div style="display: flex"><input /><button>追加</button></div></div>');
    limit(input, 100);
    const counter = counterOf(input);
    expect(counter.parentElement?.className).toBe('field');
    expect(counter.previousElementSibling?.tagName).toBe('DIV');
  });
});

describe('use:limit with bind:value', () => {
  it('counts what the form loads and what is typed, and leaves the text whole', () => {
    const app = mount(LimitedField, { target: document.body, props: { max: 10, text: '0123456789ABC' } });
    flushSync();
    const input = document.querySelector<HTMLInputElement>('[data-testid="f"]')!;
    const counter = counterOf(input);
    expect(input.value).toBe('0123456789ABC');
    expect(counter.textContent).toBe('13／10文字（10文字を超えています）');

    app.set(''); // a form cleared after 追加
    flushSync();
    expect(input.value).toBe('');
    expect(counter.textContent).toBe('');

    typeInto(input, '𠮷'.repeat(300));
    flushSync();
    expect(app.get()).toBe('𠮷'.repeat(300));
    expect(counter.textContent).toBe('300／10文字（10文字を超えています）');

    unmount(app);
    expect(document.querySelector('.limit-count')).toBeNull();
  });
});

describe('the forms', () => {
  const components = import.meta.glob('/src/components/*.svelte', { query: '?raw', import: 'default', eager: true }) as Record<
    string,
    string
  >;

  it('give limits with use:limit, never maxlength (which cuts pasted text without a word)', () => {
    expect(Object.keys(components).length).toBeGreaterThan(20);
    const cutting = Object.entries(components).filter(([, text]) => /\bmaxlength\b/i.test(text)).map(([path]) => path);
    expect(cutting).toEqual([]);
    expect(Object.values(components).some((text) => text.includes('use:limit={catalog.limits'))).toBe(true);
  });
});
