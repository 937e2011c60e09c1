import type { Line, ParsedPlan } from "@/lib/import/types.ts";
import {
  isMeta,
  isParagraph,
  isTitleShaped,
  looksLikeAnnualReportShadow,
  PLAN_TITLE,
  REPORT_TITLE,
  simplifiedLines,
  titleText,
} from "@/lib/import/report-parser.ts";
import { parsePlans } from "@/lib/import/plan-parser.ts";

// What a pasted or uploaded text is, before it is parsed as such. Districts'
// sites publish much around their plans and reports that reads like them: news
// of a meeting where a bureau 牵头 and others 配合, the 解读 of a 实施方案, the
// guideline telling departments how to write their 年度报告. Importing these
// as a plan would invent measures, so they are "unknown" with the reason,
// and the user may still choose the kind by hand.

export type DocumentKind = "plans" | "annualReport";
export type Classification = {
  kind: DocumentKind | "unknown";
  /** Why the text is unknown, in Chinese; "" when it is a plan or a report. */
  reason: string;
  /** The line that decided (1-based, as in warnings). */
  line: number;
  /** Unknown because nothing in it is numbered or shaped like a report: there is nothing to review. */
  structureless: boolean;
};

/** The title says it is about a document, not the document: "《…实施方案》解读", "一图看懂《…》", "关于《…》的说明". */
const COMMENTARY = /解读|答记者问|问答|一图看懂|一图读懂|图解|起草说明|编制说明|》的说明$/;
/**
 * A graphic explainer's heading printed on a line of its own above the plan's
 * title ("一图读懂" / "《…实施方案》"). Unlike 政策解读, never a site's menu entry.
 */
const EXPLAINER_LINE = /^(?:一图看懂|一图读懂|图解)[::|]?$/;
/**
 * Guidelines on writing reports: "关于做好…年度报告编写工作的指引", "…编写指南(试行)",
 * "…年度报告编写提纲", "…年度报告(参考格式)".
 */
const GUIDELINE =
  /(?:指引|指南|模板|范本)(?:[((][^))]*[))])?$|(?:编写|撰写|编报)(?:工作)?的?(?:通知|要求|提示)|年度报告的?(?:编写|撰写)|(?:编写|撰写)[^,。]{0,12}年度报告|提纲|大纲|参考格式|模板/;
/** Notices asking for reports, unless they issue a plan ("关于做好…工作的实施意见" is one). */
const NOTICE = /^关于做好|(?:报送|公开)(?:工作)?的?(?:通知|要求|提示)/;
/** Headlines of news: "区司法局牵头召开全区法治政府建设推进会". */
const NEWS_TITLE = /召开|举行|举办|召集|调研|座谈|推进会|部署会|培训班|考察|走访|亮相|获评|荣获/;
/** Datelines and news openings: "近日,区司法局…", "本报讯". */
const NEWS_OPENING =
  /^(?:(近日|日前|近期|昨天|昨日|今天|今日)\s*,|(本报讯|本网讯|[\u4e00-\u9fa5]{1,8}网讯|[\u4e00-\u9fa5]{0,8}讯(?=\s*[((]记者)))/;

/** How many lines from the top may hold the title (site menus and metadata come first). */
const TITLE_WINDOW = 30;

/** Entries of a site's menu, which may name a kind of document ("政策解读") without being one. */
const MENU_ITEM =
  /^(?:首页|政务公开|(?:政府)?信息公开(?:指南|制度|目录|年报|年度报告)?|政策文件|政策解读|互动交流|办事服务|新闻(?:中心|动态)|(?:工作|部门|镇街|街镇)动态|通知公告|相关(?:新闻|链接|文件|解读|阅读)|网站地图|无障碍(?:浏览)?)$/;
/** The site's own name above everything: "南屏区人民政府门户网站". */
const SITE_NAME = /(?:门户网站|政府网|网站|政务网)$/;
const HAN = /[\u4e00-\u9fa5]/g;

/** More than a menu word: a line that could be the document's own title. */
function isSubstantive(title: string): boolean {
  if (MENU_ITEM.test(title) || SITE_NAME.test(title)) return false;
  const words = title.split(/[\s|·]+/).filter(Boolean);
  // "政务公开 政策解读 互动交流": a menu on one line.
  if (words.length >= 3 && words.every((w) => w.length <= 6)) return false;
  return title.includes("《") || (title.match(HAN)?.length ?? 0) > 8;
}

const unknown = (reason: string, line: number, structureless = false): Classification => ({
  kind: "unknown",
  reason,
  line,
  structureless,
});
const quoted = (words: string[]) => words.map((w) => `“${w}”`).join("");

/**
 * Classifies normalised lines. `plans` parses them as plans when needed (the
 * caller may pass the parse it will use anyway, so it runs once).
 */
export function classifyDocument(lines: Line[], plans: () => ParsedPlan[] = () => parsePlans(lines).plans): Classification {
  const firstLine = lines[0]?.line ?? 1;
  if (lines.length === 0) return unknown("文本为空", firstLine, true);
  const shadow = simplifiedLines(lines);
  const measureCount = () => plans().reduce((n, p) => n + p.measures.length, 0);

  // The title, when there is one above the first paragraph, decides first.
  const firstParagraph = shadow.findIndex((l) => isParagraph(l.text));
  const top = shadow.slice(0, Math.min(firstParagraph === -1 ? shadow.length : firstParagraph, TITLE_WINDOW));
  // The document's own title: the first line named like a plan or a report;
  // failing that, the first line that is more than a menu entry. Only it is
  // asked what the text is: a site's menu (政策解读) or its related-news links
  // (…召开…) above a plan's title say nothing about the plan.
  const titles = top.filter((l) => isTitleShaped(l.text)).map((l) => ({ line: l.line, title: titleText(l.text) }));
  const own =
    titles.find(({ title }) => REPORT_TITLE.test(title) || PLAN_TITLE.test(title)) ??
    titles.find(({ title }) => !isMeta(title) && isSubstantive(title));
  let titled = false;
  if (own) {
    const { title, line } = own;
    const above = top[top.findIndex((l) => l.line === line) - 1];
    const explainer = above && EXPLAINER_LINE.exec(above.text.trim());
    if (explainer) return unknown(`标题是对文件的说明(${quoted([explainer[0]])}),不是规划或年度报告本身`, above.line);
    const commentary = COMMENTARY.exec(title);
    if (commentary) return unknown(`标题是对文件的说明(${quoted([commentary[0]])}),不是规划或年度报告本身`, line);
    const guideline = GUIDELINE.exec(title) ?? (PLAN_TITLE.test(title) ? null : NOTICE.exec(title));
    if (guideline) return unknown(`标题是编写或报送工作的指引、通知(${quoted([guideline[0]])}),不是规划或年度报告本身`, line);
    titled = REPORT_TITLE.test(title) || PLAN_TITLE.test(title);
    const news = titled ? null : NEWS_TITLE.exec(title);
    if (news) {
      const opening = firstParagraph === -1 ? null : NEWS_OPENING.exec(shadow[firstParagraph]!.text);
      return unknown(newsReason([...(opening ? [newsWord(opening)] : []), news[0]], measureCount()), line);
    }
  }
  if (!titled && firstParagraph !== -1) {
    const opening = NEWS_OPENING.exec(shadow[firstParagraph]!.text);
    if (opening) return unknown(newsReason([newsWord(opening)], measureCount()), shadow[firstParagraph]!.line);
  }

  if (looksLikeAnnualReportShadow(shadow)) return { kind: "annualReport", reason: "", line: firstLine, structureless: false };
  if (measureCount() > 0) return { kind: "plans", reason: "", line: firstLine, structureless: false };
  return unknown(
    "文件中没有找到任何举措(“1.”“(一)”这样编号的条目),也不像年度报告(没有“XXXX年,……”开头的总结和“成效”“不足”“安排”等章节)",
    firstLine,
    true,
  );
}

const newsWord = (match: RegExpExecArray) => (match[1] ?? match[2])!;

function newsReason(words: string[], measures: number): string {
  return `像新闻报道(${quoted(words)}),${measures > 0 ? `文中 ${measures} 条编号的内容是报道的部署,不是规划的举措` : "且没有编号的举措"}`;
}
