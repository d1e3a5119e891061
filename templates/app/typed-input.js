// Text a number field cannot hold, refused with a message beside the field. The fields
// stay type=number; left alone, the browser drops what is not a number without a word:
// Chromium ignores the "M" of "8M" (the field keeps 8) and turns a pasted "8M" into 8,
// others keep the text but report validity.badInput with an empty value, which the engine
// would read as an empty field. Here such characters are refused as they are typed or
// pasted, and an unfinished number ("8e") is neither sent to the engine nor accepted
// silently on change. The message quotes the text and, when it is a number written with
// separators, a currency sign or a k/M/B suffix, says what to type instead; it only
// rewrites the reader's own digits (no arithmetic).

import { clearRefusal, refuse } from "./state.js";

// What type=number accepts as it is typed: digits, a sign, a decimal point, an exponent.
const NUMBER_CHARACTERS = /^[0-9eE+\-.]*$/;
// Suffixes readers write for thousand, million and billion: the zeros each stands for.
const SUFFIX_ZEROS = { k: 3, m: 6, b: 9, bn: 9 };
const WRITTEN_NUMBER = /^([+-]?(?:\d+\.?\d*|\.\d+))(k|m|bn|b)?$/i;

const UNFINISHED =
  "This is not a number: type the value in digits only (for 8 million, 8000000, not 8M).";

// Move the decimal point of `number` (a string of digits, a sign and a point) `zeros`
// places to the right, as text.
function shiftPoint(number, zeros) {
  const [whole, fraction = ""] = number.split(".");
  const padded = fraction.padEnd(zeros, "0");
  const digits = `${whole}${padded.slice(0, zeros)}`.replace(/^([+-]?)0+(?=\d)/, "$1");
  const rest = padded.slice(zeros);
  return rest ? `${digits}.${rest}` : digits || "0";
}

// The digits to type for `text` ("8M" -> "8000000", "$1,500" -> "1500"), or "" when it is
// not a number written another way.
export function digitsFor(text) {
  const plain = text.replace(/[\s,_$€£]/g, "");
  const match = WRITTEN_NUMBER.exec(plain);
  if (!match) return "";
  return shiftPoint(match[1], SUFFIX_ZEROS[(match[2] || "").toLowerCase()] || 0);
}

// The message refusing `text`. A character typed after a number ("1," on the way to
// "1,000") is no number yet: only a suffix ("8M") or a whole paste gets the digits to type.
export function refusalMessage(text, whole) {
  const digits = whole || /\d[kmb]$/i.test(text) ? digitsFor(text) : "";
  const hint = digits ? `type ${digits}` : "type digits only, with no separators or units";
  return `'${text}' is not a number: ${hint}`;
}

// Refuse characters that cannot be part of a number as they are typed or pasted into
// `field`; `shown()` is called when the field's message changes.
export function watchTypedText(field, shown) {
  field.addEventListener("beforeinput", (event) => {
    const data = event.data;
    if (!event.inputType.startsWith("insert") || !data || NUMBER_CHARACTERS.test(data)) return;
    if (!data.trim()) return; // a space: the browser ignores it
    event.preventDefault();
    // A single character is typed after what the field holds; a paste is the whole text.
    const whole = data.length > 1;
    refuse(field.name, refusalMessage(whole ? data.trim() : `${field.value}${data}`, whole), "text");
    shown();
  });
}

// Whether `field` holds a number the engine may read. An unfinished one ("8e", badInput)
// is refused with a message once the reader leaves the field (`committed`, the change
// event); a number typed (an input event) ends any refusal.
export function acceptTyped(field, committed) {
  if (field.validity.badInput) {
    if (committed) refuse(field.name, UNFINISHED, "unfinished");
    return false;
  }
  if (!committed) clearRefusal(field.name);
  return true;
}
