// A text field's character limit, shown instead of enforced: `use:limit={max}`
// on an <input> or <textarea> in place of `maxlength`. `maxlength` cut pasted
// text without a word (300 characters became 100); this leaves the text as
// typed, counts it and says when it is too long, and the save is refused by
// Rust with the limit in its message (model::validate), so nothing is lost and
// nothing is saved too long.
//
// When the counter shows: only once the text passes 80% of the limit, and then
// whether or not the field has the focus. A counter under every field, or one
// that appears on each focus, would flicker on and off (and move the form)
// as one tabs through a long form, reading 「0／4000文字」 to someone writing a
// three-line メモ; the limits are generous, and most people never come near
// them. Near the limit the count is worth seeing, and past it the message
// stays after the focus leaves, so the reason is still beside the field when
// 保存 refuses it.

/** Shown once the text passes this share of the limit. */
const NEAR = 0.8;

/** The characters Rust counts (model::validate): `chars().count()` of the
 *  text after its line ends are made \n and the ends are trimmed, so one
 *  character is one Unicode scalar value (𠮷 is 1, though 2 in UTF-16). */
export function countChars(text: string): number {
  const t = text.replace(/\r\n?/g, '\n').replace(/^\p{White_Space}+|\p{White_Space}+$/gu, '');
  let n = 0;
  for (const _ of t) n++;
  return n;
}

/** What the counter says ('' while the text is well within the limit). */
export function counterText(count: number, max: number): string {
  if (count > max) return `${count}／${max}文字（${max}文字を超えています）`;
  if (count > max * NEAR) return `${count}／${max}文字`;
  return '';
}

let next = 0;

type Field = HTMLInputElement | HTMLTextAreaElement;

/** Svelte action: a live character counter for `node`, limit `max`. */
export function limit(node: Field, max: number) {
  const counter = document.createElement('span');
  counter.id = `limit-count-${++next}`;
  counter.className = 'limit-count';
  counter.setAttribute('aria-live', 'polite');
  counter.setAttribute('aria-atomic', 'true');
  // Below the field's own box: outside a wrapping <label> (so the count is not
  // read as part of the field's name) and outside a row that puts a button
  // beside the field (the 追加 of a one-line form).
  anchorOf(node).after(counter);
  // Added to whatever the field is already described by, never replacing it.
  const describedBy = node.getAttribute('aria-describedby');
  node.setAttribute('aria-describedby', describedBy ? `${describedBy} ${counter.id}` : counter.id);

  function render() {
    const count = countChars(node.value);
    const over = max > 0 && count > max;
    const text = max > 0 ? counterText(count, max) : '';
    if (counter.textContent !== text) counter.textContent = text;
    counter.classList.toggle('over', over);
    if (over) node.setAttribute('data-over-limit', '');
    else node.removeAttribute('data-over-limit');
  }

  // Typing and pasting fire `input`; a value set by the program (bind:value
  // loading a record, a restored draft, a form cleared after 追加) does not,
  // so the setter is watched too.
  node.addEventListener('input', render);
  const unwatch = watchValue(node, render);
  render();

  return {
    update(value: number) {
      max = value;
      render();
    },
    destroy() {
      node.removeEventListener('input', render);
      unwatch();
      counter.remove();
      node.removeAttribute('data-over-limit');
      const rest = (node.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .filter((id) => id && id !== counter.id);
      if (rest.length > 0) node.setAttribute('aria-describedby', rest.join(' '));
      else node.removeAttribute('aria-describedby');
    },
  };
}

/** The element the counter goes after: the field, or the label or button row
 *  around it. */
function anchorOf(node: Element): Element {
  let at = node;
  for (let i = 0; i < 3; i++) {
    const parent = at.parentElement;
    if (!parent || !(parent.tagName === 'LABEL' || isRow(parent))) break;
    at = parent;
  }
  return at;
}

function isRow(el: Element): boolean {
  const style = getComputedStyle(el);
  return (style.display === 'flex' || style.display === 'inline-flex') && !style.flexDirection.startsWith('column');
}

/** Calls `changed` after each assignment to `node.value`, by an own property
 *  that passes through to the element's own accessor. */
function watchValue(node: Field, changed: () => void): () => void {
  let proto: object | null = Object.getPrototypeOf(node);
  let accessor: PropertyDescriptor | undefined;
  while (proto && !(accessor = Object.getOwnPropertyDescriptor(proto, 'value'))) proto = Object.getPrototypeOf(proto);
  const get = accessor?.get;
  const set = accessor?.set;
  if (!get || !set) return () => {};
  Object.defineProperty(node, 'value', {
    configurable: true,
    enumerable: accessor?.enumerable ?? true,
    get() {
      return get.call(node);
    },
    set(v: string) {
      set.call(node, v);
      changed();
    },
  });
  return () => {
    delete (node as { value?: string }).value;
  };
}
