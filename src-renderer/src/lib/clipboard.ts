/**
 * Copy a text for the cashier to paste into a chat or an email. Where the clipboard is not
 * available (or not allowed), select the text on screen instead so Ctrl+C copies it.
 */
export async function copyOrSelect(text: string, shown: HTMLElement | null): Promise<'copied' | 'selected'> {
  try {
    if (!navigator.clipboard) throw new Error('no clipboard');
    await navigator.clipboard.writeText(text);
    return 'copied';
  } catch {
    if (shown) {
      shown.focus();
      const range = document.createRange();
      range.selectNodeContents(shown);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    }
    return 'selected';
  }
}
