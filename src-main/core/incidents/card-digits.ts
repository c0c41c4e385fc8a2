import { UserError } from '../errors';

/**
 * What a record may keep of a card: its last four digits, in a field of their own. A note is
 * free text a cashier types with a customer waiting, so anything in it that could be a card
 * number — a long run of digits, spaced, dashed or partly masked — is cut out before saving.
 * A run counts from 13 characters (a card number's shortest length), digits and mask marks
 * together, so a masked number (622202*********0128) goes as surely as a clear one, while a
 * mobile number (11 digits), a slip's reference number (12) or an amount stay.
 */
export const CARD_LIKE_MIN = 13;

/** The mark a cut run leaves: the note still shows something was there. */
export const CUT_MARK = '****';

/** Digits as an input method types them (full-width ０-９ too) become ASCII; nothing else changes. */
function asciiDigits(text: string): string {
  return text.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48));
}

// A run: digits or mask marks (* x X • ●, full-width ＊ too), with single spaces, dashes or dots between groups.
const RUN = /[0-9*＊xX•●](?:[ \u3000\-－.]?[0-9*＊xX•●])*/g;

/** The note with every card-like run replaced by ****. */
export function stripCardDigits(note: string): string {
  const plain = asciiDigits(note);
  return plain.replace(RUN, (run) => {
    const marks = run.replace(/[ \u3000\-－.]/g, '');
    // Letters x/X alone are words, not masks: a run needs digits to be a number.
    if (!/[0-9]/.test(marks) || marks.length < CARD_LIKE_MIN) return run;
    return CUT_MARK;
  });
}

/**
 * The last four digits as typed ("0128", "０１２８", " 0128 "), or null when the field is empty.
 * Anything else is refused in words, so a full card number typed into the field is never kept.
 */
export function lastFour(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const typed = asciiDigits(raw).replace(/[\s\u3000]/g, '');
  if (typed === '') return null;
  if (/^[0-9]{4}$/.test(typed)) return typed;
  throw new UserError(
    {
      'zh-CN': '卡号后四位要填 4 个数字（例如 0128），不要填整个卡号。',
      en: "The card's last four digits are 4 digits (for example 0128); never the whole card number.",
    },
    `cardLast4 refused: ${typed.length} characters`,
  );
}

/** The note as saved: the last four on its first line where given, then the note without card-like runs. */
export function noteToSave(note: string | undefined, cardLast4: string | undefined): string {
  const last = lastFour(cardLast4);
  const rest = stripCardDigits(note ?? '').trim();
  const head = last ? `卡号后四位 / card last 4: ${last}` : '';
  return [head, rest].filter(Boolean).join('\n');
}
