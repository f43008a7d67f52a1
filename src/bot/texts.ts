import type { QuestionProblem } from "../engine/question-check.js";

/** Fixed Chinese texts of the bot; answers themselves always come from the service. */
export const TEXT = {
  apology: "抱歉，处理您的消息时出了点问题，请稍后再试。",
  sendText: "我只能回答文字问题，请用文字描述您想了解的政策，例如「专利质押贷款怎么办理？」。",
  editedMessage: "修改后的消息我不会重新回答；如需提问，请重新发送问题。",
  unknownCommand: "没有这个命令。发送 /help 查看用法。",
  adminOnly: "抱歉，这个操作仅限管理员使用。如需更新政策库，请联系管理员。",
  askUsage: "请在 /ask 后面写上问题，例如：/ask 专利质押贷款怎么办理？",
  unitUsage: "请在 /unit 后面写上单位名称或简称，例如：/unit 市监局。发送 /units 查看全部责任单位。",
  gone: "该内容已不在当前政策库中，请重新提问。",
  questionBackGone: "这个问题已过期或已开始新话题，请重新提问。",
  outlineChanged: "纲要目录已更新，请重新发送 /outline。",
  thanks: "感谢反馈！",
  feedbackLost: "没有找到这条回答的记录，反馈未保存。",
  reset: "好的，已开始新话题：接下来的问题不再沿用之前的对话。",
  resetNothing: "好的，已开始新话题。",
  uploadInPrivate: "如需把文件加入政策库，请在与我的私聊中发送；群里的文件我不会处理。",
} as const;

/** A bare @mention in a group: how to ask. */
export function mentionPrompt(username: string): string {
  return `请在 @${username} 后面写上您的问题，例如「@${username} 专利质押贷款怎么办理？」。也可以点下面的例子：`;
}

/** Why the bot does not answer a message, in its own words (the core's reasons, see `checkQuestion`). */
export function questionProblemText(problem: QuestionProblem): string {
  switch (problem.reason) {
    case "empty":
      return "请输入您的问题，例如「专利质押贷款怎么办理？」。";
    case "too_long":
      return `问题有 ${problem.length} 个字，太长了。请精简到 ${problem.max} 个字以内再发送。`;
    case "no_words":
      return "没有看懂您的问题，请用文字描述您想了解的政策，例如「专利质押贷款怎么办理？」。";
  }
}

export function rateLimited(retryAfterSeconds: number, perMinute: number): string {
  return `您发送得太快了：我每分钟最多回答 ${perMinute} 条消息。请约 ${retryAfterSeconds} 秒后再问，期间的消息不会回复。`;
}
