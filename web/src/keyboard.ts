// Keys typed into a field are text, not shortcuts. An input that takes no text (a row's
// checkbox just clicked, a button) leaves them to the shortcuts: after a click on a checkbox,
// j, x and m go on acting on the list.

const TAKES_NO_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file']);

export function isTyping(event: KeyboardEvent): boolean {
  const t = event.target as HTMLElement | null;
  if (!t) return false;
  if (t instanceof HTMLInputElement) return !TAKES_NO_TEXT.has(t.type);
  return t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable;
}
