import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IFontAttributesProperties,
} from "docx";

export type OfficialBlock =
  | { kind: "heading1"; text: string } // caller includes the number: "一、主要举措和成效"
  | { kind: "heading2"; text: string } // "(一)坚持党的领导"
  | { kind: "paragraph"; text: string } // body text; "\n" inside starts a new paragraph
  | { kind: "table"; header: string[]; rows: (string | number)[][] };

export type OfficialDocument = { title: string; subtitle?: string; blocks: OfficialBlock[] };

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/*
 * Layout after GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm, body in 三号
 * 仿宋 (16pt) on a fixed 28pt line, headings 黑体 (一、) and 楷体 ((一)), title 二号 小标宋.
 * The fonts are named, never embedded: Word/WPS on the reader's machine supplies them, and
 * the Latin name in ascii/hAnsi keeps digits and Latin letters in Times New Roman as the
 * standard expects.
 */
const font = (eastAsia: string): IFontAttributesProperties => ({
  ascii: "Times New Roman",
  hAnsi: "Times New Roman",
  cs: "Times New Roman",
  eastAsia,
});
const FANGSONG = font("仿宋");
const SONG = font("宋体");
const HEI = font("黑体");
const KAI = font("楷体");
/** 方正小标宋 is rarely installed; 宋体 bold is the accepted stand-in. */
const TITLE_FONT = SONG;

/** Millimetres to twips, rounded (docx's own helper truncates: A4 would come out 1 twip short). */
const mm = (value: number) => Math.round((value * 1440) / 25.4);
const PT = 2; // docx sizes are half-points
const BODY_SIZE = 16 * PT; // 三号
const TITLE_SIZE = 22 * PT; // 二号
const TABLE_SIZE = 12 * PT; // 小四: keeps a 6-column table on a portrait page
const LINE = 28 * 20; // fixed 28pt line, in twips
const INDENT_2_CHARS = { firstLineChars: 200, firstLine: 2 * BODY_SIZE * 10 };

/*
 * XML 1.0 forbids most C0 control characters, and Word refuses a .docx that contains one
 * ("unreadable content"). Text pasted from Word brings them along: \x0B is its manual line
 * break (Shift+Enter) and \x0C its page break, so those become line breaks where the text is
 * split into paragraphs; the rest, and the noncharacters U+FFFE/U+FFFF and lone surrogates,
 * are dropped. Tab, LF and CR are legal and stay.
 */
const XML_ILLEGAL = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe for one line of XML: Word's line/page breaks become a space. */
function xmlSafeText(text: string): string {
  return text.replace(/[\x0B\x0C]/g, " ").replace(XML_ILLEGAL, "");
}

/** Text safe for XML where "\n" starts a new paragraph: Word's line/page breaks become "\n". */
function xmlSafeLines(text: string): string {
  return text.replace(/[\x0B\x0C]/g, "\n").replace(XML_ILLEGAL, "");
}

function bodyParagraphs(text: string): Paragraph[] {
  return xmlSafeLines(text)
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => new Paragraph({ children: [new TextRun(line)], indent: INDENT_2_CHARS, alignment: AlignmentType.JUSTIFIED }));
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;

function cellParagraph(value: string | number, header: boolean): Paragraph {
  const numeric = typeof value === "number";
  return new Paragraph({
    alignment: header || numeric ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { line: 20 * 18, lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 },
    indent: { firstLine: 0, firstLineChars: 0 },
    // 黑体 carries the header's weight; no bold on top of it, as in printed tables.
    children: [new TextRun({ text: xmlSafeText(String(value)), size: TABLE_SIZE, font: header ? HEI : FANGSONG })],
  });
}

function officialTable(header: string[], rows: (string | number)[][]): Table {
  const cell = (value: string | number, isHeader: boolean) =>
    new TableCell({
      children: [cellParagraph(value, isHeader)],
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      borders: { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER },
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: header.map((_, i) => cell(row[i] ?? "", false)) })),
    ],
  });
}

/**
 * A .docx laid out like a government document: 方正小标宋/宋体 title centred, 黑体 一、 headings,
 * 楷体 (一) headings, 仿宋 body 16pt (三号) with 2-character first-line indent, A4 with official margins.
 * Headings use Word's Heading1/Heading2 styles so the navigation pane (and mammoth) see them.
 */
export async function buildOfficialDocx(doc: OfficialDocument): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      indent: { firstLine: 0, firstLineChars: 0 },
      spacing: { line: 36 * 20, lineRule: LineRuleType.AT_LEAST, after: doc.subtitle ? 0 : LINE },
      children: [new TextRun({ text: xmlSafeText(doc.title), font: TITLE_FONT, size: TITLE_SIZE, bold: true })],
    }),
  ];
  if (doc.subtitle) {
    for (const line of xmlSafeLines(doc.subtitle)
      .split(/\r?\n/)
      .filter((l) => l.trim())) {
      children.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          indent: { firstLine: 0, firstLineChars: 0 },
          children: [new TextRun({ text: line.trim(), font: KAI })],
        }),
      );
    }
    children.push(new Paragraph({ children: [] }));
  }
  for (const block of doc.blocks) {
    switch (block.kind) {
      case "heading1":
        children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(xmlSafeText(block.text))] }));
        break;
      case "heading2":
        children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(xmlSafeText(block.text))] }));
        break;
      case "paragraph":
        children.push(...bodyParagraphs(block.text));
        break;
      case "table":
        children.push(officialTable(block.header, block.rows));
        // Word glues two adjacent tables together and crowds the text after a table.
        children.push(new Paragraph({ children: [] }));
        break;
    }
  }

  const headingParagraph = {
    indent: INDENT_2_CHARS,
    spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    keepNext: true,
    keepLines: true,
  };
  const document = new Document({
    creator: "法治任务通",
    title: xmlSafeText(doc.title),
    styles: {
      default: {
        document: {
          run: { font: FANGSONG, size: BODY_SIZE },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 } },
        },
        heading1: { run: { font: HEI, size: BODY_SIZE, bold: false, color: "000000" }, paragraph: headingParagraph },
        heading2: { run: { font: KAI, size: BODY_SIZE, bold: false, italics: false, color: "000000" }, paragraph: headingParagraph },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(25), header: mm(15) },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], font: SONG, size: 14 * PT })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(document));
}

/** Download response for a .docx; the UTF-8 file name follows RFC 5987, as xlsxResponse does. */
export function docxResponse(buffer: Buffer, fileName: string): Response {
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": DOCX_MIME,
      "Content-Disposition": `attachment; filename="document.docx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
    },
  });
}
