import type { Block } from "./blocks.js";
import { matchHeading } from "./headings.js";

/** Labels that head an attachment, not its title. */
const ATTACHMENT_LABEL = /^附件\s*[0-9一二三四五六七八九十]*\s*[：:]?$/;
const MAX_TITLE_CHARS = 60;

/** A 通知 that issues another document: 「…关于印发《X》的通知」 names X, the document really meant. */
const ISSUING_NOTICE = /关于印发\s*《?(.+?)》?\s*的通知/;
/** An issuing body alone on a line, as a 红头 file's head or a signature shows it: 泰安市市场监督管理局（示例）. */
const ISSUER_LINE = /^[^：:、，,；;。\s]{2,24}(人民政府办公厅|人民政府办公室|人民政府|委员会|局|厅|办公室)([（(][^）)]{1,10}[）)])?$/;
/** A date alone on a line: a signature's or a page's. */
const DATE_LINE = /^(19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/;
/** A parenthetical a title may end in: （示例）, （试行）, （2026—2028年）. */
const TITLE_NOTE = /^[（(][^）)]{1,16}[）)]$/;
/** Lines of a government web page or a 红头 file that come before a title: navigation, breadcrumbs, 文号, the issuer, dates. */
const PAGE_HEAD =
  /^(首页|当前位置|您的位置|政务公开|政务服务|互动交流|信息公开|通知公告|搜索|索引号|发布机构|发文日期|发布时间|来源|浏览次数|字体|打印|.{0,30}[〔［\[]\s*(19|20)\d\d\s*[〕］\]]\s*\d+\s*号\s*([（(][^）)]{1,10}[）)])?$|.{2,20}(文件)([（(][^）)]{1,10}[）)])?$)/;
/** Where a web page's own text ends: sharing, related links, the site footer. */
const PAGE_FOOTER = /^(分享到|相关链接|相关文件|相关阅读|【?打印本页|【?关闭窗口|网站地图|版权所有|主办单位|承办单位|网站标识码|.*ICP备|.*公网安备|技术支持|Copyright|©)/i;
/** How a title ends; a first line that does not, followed by a short one, wrapped. */
const TITLE_END = /(通知|办法|方案|意见|规程|纲要|细则|规定|清单|解读|指南|要点|计划|规划|决定|公告|通告|条例|措施|标准|[）)》])$/;
const FOOTER_WINDOW = 30;

/**
 * The blocks without the web page's footer: sharing links, related links
 * and the site's 版权所有/主办单位 lines at the end are not part of the last section.
 */
export function withoutPageFooter(blocks: readonly Block[]): Block[] {
  const from = Math.max(0, blocks.length - FOOTER_WINDOW);
  for (let i = from; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === "paragraph" && PAGE_FOOTER.test(b.text.trim())) return blocks.slice(0, i);
  }
  return [...blocks];
}

/**
 * The document's title and how many blocks it took. A 通知 that issues an
 * attached document is titled by the attachment (《…实施意见》), and its
 * wrapper (navigation, 文号, salutation, the notice) is consumed up to the
 * attachment's own title; otherwise the first title-like line after the page
 * head, joined with a line it wrapped onto and a `（征求意见稿）`-style line.
 */
export function takeTitle(blocks: readonly Block[], fallbackTitle: string): { title: string; consumed: number } {
  const text = (i: number) => (blocks[i]?.kind === "paragraph" ? (blocks[i] as { text: string }).text.trim() : undefined);
  const firstHeading = blocks.findIndex((b) => b.kind === "paragraph" && matchHeading(b.text) !== undefined);
  const head = firstHeading === -1 ? Math.min(blocks.length, 40) : firstHeading;

  for (let i = 0; i < head; i++) {
    const m = ISSUING_NOTICE.exec(text(i) ?? "");
    if (!m?.[1]) continue;
    const title = m[1].trim();
    // The attachment repeats its title where it starts; what comes before is the notice.
    for (let j = i + 1; j < head; j++) {
      const line = (text(j) ?? "").replace(/^《|》$/g, "");
      if (line === title) return joinStatusLine(blocks, j + 1, title);
      // 「关于印发X的通知（示例）」 and the attachment's own title 「X（示例）」: the attachment's is its title.
      if (line.startsWith(title) && TITLE_NOTE.test(line.slice(title.length))) return joinStatusLine(blocks, j + 1, line);
    }
    return { title, consumed: i + 1 };
  }

  let i = 0;
  while (i < head && (ATTACHMENT_LABEL.test(text(i) ?? "") || isPageHead(text(i)))) i++;
  const first = text(i);
  if (first === undefined || matchHeading(first) || !looksLikeTitle(first)) return { title: fallbackTitle, consumed: 0 };
  let title = first;
  i++;
  const next = text(i);
  if (next !== undefined && !TITLE_END.test(title) && looksLikeTitle(next) && next.length <= 24 && !matchHeading(next) && TITLE_END.test(title + next)) {
    title += next;
    i++;
  }
  const joined = joinStatusLine(blocks, i, title);
  return { title: joined.title, consumed: joined.consumed };
}

/** A following `（征求意见稿）`-style line belongs to the title. */
function joinStatusLine(blocks: readonly Block[], at: number, title = ""): { title: string; consumed: number } {
  const next = blocks[at];
  if (next?.kind === "paragraph" && /^[（(][^）)]{1,20}[）)]$/.test(next.text.trim()) && !title.endsWith(next.text.trim())) {
    return { title: title + next.text.trim().replace(/^\(/, "（").replace(/\)$/, "）"), consumed: at + 1 };
  }
  return { title, consumed: at };
}

function isPageHead(line: string | undefined): boolean {
  return line !== undefined && (PAGE_HEAD.test(line) || isSignatureLine(line) || /[>›»]\s*\S/.test(line));
}

/** An issuer or a date alone on a line: the head of a 红头 file, or the signature that ends a notice. */
export function isSignatureLine(line: string): boolean {
  return ISSUER_LINE.test(line) || DATE_LINE.test(line);
}

/** A notice's list of attachments begins: 「附件：1.申报书（样式）」 or 「附件：」 alone. */
export function opensAttachmentList(line: string): boolean {
  return ATTACHMENT_LABEL.test(line) || /^附件\s*[0-9一二三四五六七八九十]*\s*[：:]\s*\S/.test(line);
}

function looksLikeTitle(text: string): boolean {
  return text.length <= MAX_TITLE_CHARS && !/[。；;，,：:]/.test(text);
}
