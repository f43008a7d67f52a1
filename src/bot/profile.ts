import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { DocumentSummary, PolicyService } from "../app/types.js";
import type { Config } from "../config/index.js";

/** Telegram's limits for the bot's description (shown in an empty chat) and short description (profile, shares). */
const DESCRIPTION_MAX = 512;
const SHORT_DESCRIPTION_MAX = 120;

const BROWSE: BotCommand[] = [
  { command: "outline", description: "按章节浏览政策文件" },
  { command: "units", description: "全部责任单位" },
  { command: "unit", description: "某单位负责的措施，如 /unit 市监局" },
];

const PRIVATE_MENU: BotCommand[] = [
  { command: "start", description: "开始：我能回答什么" },
  ...BROWSE,
  { command: "reset", description: "开始新话题（忘掉上一个问题）" },
  { command: "help", description: "使用帮助" },
];

/** The command menus: everyone's in private chats, the groups', and the admins' (their private chats) with /reload and /stats. */
export const COMMAND_MENUS: Readonly<Record<"private" | "group" | "admin", readonly BotCommand[]>> = {
  private: PRIVATE_MENU,
  group: [
    { command: "ask", description: "提问，如 /ask 专利质押贷款怎么办理？" },
    ...BROWSE,
    { command: "reset", description: "开始新话题" },
    { command: "help", description: "使用帮助" },
  ],
  admin: [...PRIVATE_MENU, { command: "reload", description: "管理员：从政策库目录重建索引" }, { command: "stats", description: "管理员：使用统计" }],
};

/** The description shown in an empty chat with the bot: what it answers from, and how to ask. */
export function botDescription(documents: readonly DocumentSummary[], example: string | undefined): string {
  const sources = documents.length > 0 ? documents.map((d) => `《${d.title}》`).join("、") : "收录的知识产权政策文件";
  const text = [
    `您好！我是知识产权政策问答助手，依据${sources}回答企业的知识产权政策问题，每个回答都注明措施在文件中的位置和责任单位，不提供文件中没有的内容。`,
    example ? `直接发送问题即可，例如「${example}」。` : "直接发送问题即可。",
  ].join("\n\n");
  return clip(text, DESCRIPTION_MAX);
}

/** The short description on the bot's profile and in shared links. */
export const SHORT_DESCRIPTION = clip("知识产权政策问答：依据政策原文回答，注明措施出处和责任单位。", SHORT_DESCRIPTION_MAX);

/**
 * Sets what Telegram shows about the bot: its description and short
 * description, and the command menu of each scope (private chats, groups,
 * and each admin's private chat). Resolves with the failures, each logged by
 * the caller; one failure does not stop the others.
 */
export async function setUpProfile(
  api: Api,
  options: { documents: readonly DocumentSummary[]; example?: string; config: Pick<Config, "ADMIN_USER_IDS"> },
): Promise<{ step: string; error: unknown }[]> {
  const steps: [string, () => Promise<unknown>][] = [
    ["description", () => api.setMyDescription(botDescription(options.documents, options.example))],
    ["short description", () => api.setMyShortDescription(SHORT_DESCRIPTION)],
    ["private commands", () => api.setMyCommands([...COMMAND_MENUS.private], { scope: { type: "all_private_chats" } })],
    ["group commands", () => api.setMyCommands([...COMMAND_MENUS.group], { scope: { type: "all_group_chats" } })],
    ...options.config.ADMIN_USER_IDS.map((id): [string, () => Promise<unknown>] => [
      "admin commands",
      () => api.setMyCommands([...COMMAND_MENUS.admin], { scope: { type: "chat", chat_id: id } }),
    ]),
  ];
  const failures: { step: string; error: unknown }[] = [];
  for (const [step, run] of steps) await run().catch((error: unknown) => failures.push({ step, error }));
  return failures;
}

/**
 * Sets the description again after the corpus changed (a /reload or an
 * upload from the chat), since it names the documents. Never throws: the
 * old description is only out of date.
 */
export async function refreshDescription(api: Api, service: Pick<PolicyService, "documents" | "exampleQuestions">): Promise<boolean> {
  return api.setMyDescription(botDescription(service.documents(), service.exampleQuestions()[0])).then(
    () => true,
    () => false,
  );
}

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, max - 1).join("") + "…";
}
