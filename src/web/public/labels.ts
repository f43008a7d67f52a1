/**
 * Chinese words for the codes the admin API returns, shared by the admin page
 * and the exports. Pure data: no DOM, so the server may import it too.
 */
import type { FeedbackReason, QueryLogEntry } from "../../store/types.js";
import { LOW_CONFIDENCE } from "../../engine/confidence.js";

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "auth.login": "登录成功",
  "auth.login_failed": "登录失败",
  "auth.logout": "退出登录",
  "auth.forbidden": "越权访问被拒",
  "auth.first_admin_refused": "创建首个管理员被拒",
  "account.first_admin": "创建首个管理员",
  "account.create": "创建账号",
  "account.update": "修改账号",
  "account.disable": "停用账号",
  "account.enable": "启用账号",
  "account.password_reset": "重置密码",
  "document.preview": "上传文档",
  "document.preview.refused": "上传被拒",
  "document.publish": "发布文档",
  "document.remove": "删除文档",
  "document.download": "下载原文件",
  reindex: "重新索引",
  "curated.create": "新增精选答复",
  "curated.update": "修改精选答复",
  "curated.remove": "删除精选答复",
  "curated.propose": "提议精选答复",
  "curated.approve": "采纳精选答复",
  "lexicon.synonyms": "修改同义词",
  "lexicon.aliases": "修改单位别名",
  "queries.export": "导出问答记录",
  // Written by earlier versions and by the bot.
  login: "登录（旧版令牌）",
  "auth.refused": "令牌无效（旧版）",
  refused: "机器人管理命令被拒",
};

export const auditActionLabel = (action: string) => AUDIT_ACTION_LABELS[action] ?? action;

export const FEEDBACK_REASON_LABELS: Record<FeedbackReason | "none", string> = {
  off_topic: "答非所问",
  wrong_unit: "单位不对",
  outdated: "已过时",
  other: "其他",
  none: "未说明",
};

export const CHANNEL_LABELS: Record<string, string> = { web: "服务窗口", telegram: "Telegram", cli: "命令行" };

export const ROLE_LABELS: Record<string, string> = { staff: "窗口人员", admin: "管理员" };

/** Display names by username (lower case, as sign-in matches names), from the accounts list. */
export const namesOf = (accounts: readonly { username: string; displayName: string }[]): ReadonlyMap<string, string> =>
  new Map(accounts.map((a) => [a.username.toLowerCase(), a.displayName]));

/** A person as the audit log and the query log name them: 周管理（zhou.admin）, or the bare username of an account since removed. */
export function personLabel(username: string, names: ReadonlyMap<string, string>): string {
  const name = names.get(username.toLowerCase());
  return name ? `${name}（${username}）` : username;
}

/** How the query log names an answer's outcome. */
export function queryResultLabel(q: Pick<QueryLogEntry, "status" | "source" | "confidence" | "kind">): string {
  if (q.kind === "invalid") return "无效提问";
  if (q.status === "out_of_scope") return "超出范围";
  if (q.source === "curated") return "精选答复";
  return q.confidence < LOW_CONFIDENCE ? "低置信度" : "已答复";
}

/** Local time with seconds, as the audit log and the reports read it: 2026-12-01 09:05:07. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** A local calendar day as date inputs write it (YYYY-MM-DD), `offsetDays` from today. */
export function localDay(offsetDays = 0, from = new Date()): string {
  const d = new Date(from);
  d.setDate(d.getDate() + offsetDays);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Words typed in one box, split on 、，,；; (not on spaces: "bad faith" is one phrase), blanks dropped. */
export const splitWords = (text: string) =>
  text
    .split(/[、，,;；\n]+/)
    .map((w) => w.trim())
    .filter(Boolean);
