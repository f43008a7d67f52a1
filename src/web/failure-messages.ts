import type { Failure } from "../app/types.js";

/** Text a person can read: Chinese, with no English run of a parser's or the runtime's wording in it. */
const readable = (message: string) => /[\u4e00-\u9fff]/.test(message) && !/[A-Za-z]{4,}/.test(message);

/**
 * The Chinese message shown for a failure of the corpus work (upload,
 * publish, re-index, remove). A parser's own words ("Cannot read properties
 * of undefined…") stay in the server log and never reach the page.
 */
export function friendlyFailureMessage(failure: Failure): string {
  if (readable(failure.message)) return failure.message;
  const file = failure.file ? `“${failure.file}”` : "";
  const reason = failure.message.toLowerCase();
  switch (failure.code) {
    case "bad_document":
      if (reason.includes("password")) return `文件${file}有密码保护，请另存一份不加密的再上传。`;
      if (reason.includes("no text") || reason.includes("nothing to cite") || reason.includes("to cite")) {
        return `文件${file}中没有可引用的正文（可能是扫描件或空文件），请检查后重新上传。`;
      }
      if (reason.includes("unsupported")) return `文件${file}的格式不受支持，请另存为 .docx、.pdf、.txt、.md 或 .html。`;
      return `无法读取文件${file}：文件已损坏，或不是它的扩展名所示的格式（旧版 .doc 请另存为 .docx），请用原软件重新另存后上传。`;
    case "unsupported_type":
      return "不支持的文件类型，请上传 .txt、.md、.docx、.pdf 或 .html 文件。";
    case "too_large":
      return "文件过大，请压缩或拆分后再上传。";
    case "bad_name":
      return "文件名不合法：只能是不含路径的文件名。";
    case "not_found":
      return `语料库中没有文件${file}。`;
    case "unsafe_document":
      return `文件${file}超过解析上限，或不是文本文档。`;
    case "index_failed":
      return "建立索引失败，旧索引继续服务；请查看服务日志。";
  }
}

/** The failure as the page may see it: its code and file, with the message made readable. */
export function friendlyFailure(failure: Failure): Failure {
  return { ...failure, message: friendlyFailureMessage(failure) };
}
