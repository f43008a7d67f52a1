import { ApiError } from "./dom.js";

/** What the staff page says for each API error `code`: Chinese only, whatever the server's wording. */
const BY_CODE: Record<string, (limit: number) => string> = {
  empty_question: () => "请输入问题。",
  question_too_long: (limit) => (Number.isFinite(limit) ? `问题过长，最多 ${limit} 个字，请精简后再查询。` : "问题过长，请精简后再查询。"),
  question_without_words: () => "没有看懂这个问题，请用文字描述要查的政策。",
  too_large: () => "内容过长，请精简后再试。",
  bad_json: () => "请求格式有误，请刷新页面后再试。",
  bad_request: () => "请求格式有误，请刷新页面后再试。",
  unsupported_media_type: () => "请求格式有误，请刷新页面后再试。",
  not_found: () => "没有找到相应内容，可能已被移除，请刷新页面后再试。",
  rate_limited: () => "查询过于频繁，请稍候再试。",
  csrf: () => "页面已过期，请刷新后再试。",
  unauthorized: () => "登录已过期，请重新登录。",
  session_expired: () => "登录已过期，请重新登录。",
  forbidden: () => "您的账号没有这项权限。",
  internal: () => "服务器内部错误，请稍后再试。",
  network: () => "无法连接服务器，请检查网络后再试。",
};

/** True for a message made for people: Chinese, with no run of Latin letters in it. */
const isChineseOnly = (text: string) => /[\u4e00-\u9fff]/.test(text) && !/[A-Za-z]{2,}/.test(text);

/**
 * The message to show for a failed request. Known codes get the page's own
 * words; an unknown one keeps the server's message only when it is Chinese.
 */
export function errorMessage(err: unknown, questionLimit: number): string {
  if (err instanceof ApiError) {
    const known = BY_CODE[err.code];
    if (known) return known(questionLimit);
    if (isChineseOnly(err.message)) return err.message;
    return `请求失败（状态 ${err.status}），请稍后再试。`;
  }
  return "页面出错，请刷新后再试。";
}
