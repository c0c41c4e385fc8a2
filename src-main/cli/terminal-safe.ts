/**
 * Text typed by people (a note, a code) is printed to a technician's terminal, where an escape
 * sequence would be run, not shown: it could clear the screen, retitle the window or hide the
 * lines around it. Every control character (C0, DEL, C1 — 0x9B is a one-byte CSI) and the
 * bidirectional overrides that reorder what is shown are written out as \x1b / \u202e instead.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
