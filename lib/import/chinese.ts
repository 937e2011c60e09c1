import * as OpenCC from "opencc-js/t2cn";

// Documents from Hong Kong, Macao or Taiwan style typesetting, and some
// central documents reproduced in traditional characters, print the same
// keywords (牽頭, 責任單位, 完成時限). The parsers read a simplified shadow of
// each line to find structure and keywords, and cut names and text from the
// line as printed: so the shadow must keep every character at its place.

const convert = OpenCC.Converter({ from: "t", to: "cn" });

/** The text in simplified characters, one character for one, so offsets into it hold for the original. */
export function toSimplified(text: string): string {
  const whole = convert(text);
  if (whole.length === text.length) return whole;
  // A phrase rule changed the length: fall back to characters one by one.
  return Array.from(text, (ch) => {
    const one = convert(ch);
    return one.length === ch.length ? one : ch;
  }).join("");
}

/** Whether the text has characters that read differently in simplified Chinese. */
export function hasTraditional(text: string): boolean {
  return toSimplified(text) !== text;
}

/**
 * Whether a text (a document, or the unit names it gives) is printed in
 * traditional characters, as a whole. A few characters are both: 乾县 and
 * 乾安县 are simplified names that opencc turns into 干, so one character
 * changed, however often, does not make a text traditional; a traditional
 * text changes many different ones (區, 發, 鎮, 職, 責).
 */
export function isTraditionalText(text: string): boolean {
  const simplified = toSimplified(text);
  let han = 0;
  let changed = 0;
  const distinct = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    if (!/\p{Script=Han}/u.test(text[i]!)) continue;
    han++;
    if (simplified[i] !== text[i]) {
      changed++;
      distinct.add(text[i]!);
    }
  }
  return distinct.size >= 2 && changed >= han * 0.05;
}
