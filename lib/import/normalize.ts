import type { Line } from "@/lib/import/types.ts";

// Documents mix full-width and half-width punctuation, stray spaces and page
// furniture from the sites they were copied from. Parsers work on normalised
// lines: ASCII punctuation, no furniture, no blank lines.

/** Full-width ASCII forms (！…～) to ASCII, ideographic space to space; CJK punctuation like 、。“” stays. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ")
    .replace(/\u00A0/g, " ");
}

// Word's automatic numbering and some sites print a label as one enclosed
// character: ㈠ (U+3220…U+3229) for (一), ⑴ (U+2474…) for (1), ⒈ (U+2488…)
// for 1. NFKC spells these out exactly; it is applied to them alone because on
// the whole text it would also turn ① into 1 and change names. Circled
// ideographs ㊀…㊉ stand for the same level in some documents (NFKC drops their
// circle), so they read as (一)…(十) too.
const ENCLOSED_NUMERAL = /[\u2474-\u249B\u3220-\u3229\u3280-\u3289]/g;

/** ㈠ → "(一)", ⑴ → "(1)", ⒈ → "1.", ㊀ → "(一)"; other characters unchanged. */
export function spellOutEnclosedNumerals(text: string): string {
  return text.replace(ENCLOSED_NUMERAL, (ch) => (ch >= "\u3280" ? `(${ch.normalize("NFKC")})` : ch.normalize("NFKC")));
}

const FURNITURE: RegExp[] = [
  /^[•·]?\s*(设为首页|加入收藏|无障碍阅读|长者版|网站地图|English|繁體|简体|打印本页|关闭窗口|【?打印】?|【?关闭】?)\s*$/,
  /当前页二维码|扫一扫在手机|分享到[::]?/,
  /^责任编辑[::]/,
  /^(来源|信息来源|文章来源|作者|浏览次数|点击数|阅读次数)[::]/,
  /^附件\s*\d*\s*[::]/,
  // Page markers "- 1 -", "— 2 —", "-3-".
  /^[-—–]\s*\d+\s*[-—–]$/,
  /^(当前位置|您现在的位置|您当前的位置)[::]/,
  /^【?\s*字体[::]/,
  /^(上一篇|下一篇)[::]/,
  /^第\s*\d+\s*页(\s*共\s*\d+\s*页)?$/,
  /^[((]\s*(上接|下转)第.{1,4}版\s*[))]$/,
  /^字号[::]/,
];

export function isFurniture(text: string): boolean {
  return FURNITURE.some((pattern) => pattern.test(text));
}

/**
 * Splits text into trimmed, normalised, non-empty lines, dropping furniture,
 * each with its original line number.
 */
export function normaliseLines(raw: string): Line[] {
  const lines: Line[] = [];
  raw
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .forEach((original, index) => {
      const text = spellOutEnclosedNumerals(toHalfWidth(original))
        .replace(/[\u200B-\u200D\u2060]/g, "")
        .replace(/\s+/g, " ")
        .trim();
      if (!text || isFurniture(text)) return;
      lines.push({ text, line: index + 1 });
    });
  return lines;
}
