// Keys typed into a field are text, not shortcuts.

export function isTyping(event: KeyboardEvent): boolean {
  const t = event.target as HTMLElement | null;
  return (
    !!t &&
    (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)
  );
}
