import type { Message, MessageEntity, UserFromGetMe } from "grammy/types";

/**
 * Who the bot listens to: in a private chat every text (or photo caption) is
 * a question; in a group only a command, a mention of the bot (@name) or a
 * reply to one of the bot's messages, so that it never answers the group's
 * own conversation.
 */
export function isPrivateChat(message: Pick<Message, "chat">): boolean {
  return message.chat.type === "private";
}

type TextMessage = Pick<Message, "chat" | "text" | "entities" | "reply_to_message"> & Partial<Pick<Message, "caption" | "caption_entities">>;

/** The words of a message: its text, or a photo's (or document's) caption. */
function wordsOf(message: TextMessage): { text: string; entities: readonly MessageEntity[] } {
  if (message.text !== undefined) return { text: message.text, entities: message.entities ?? [] };
  return { text: message.caption ?? "", entities: message.caption_entities ?? [] };
}

/** True when a message in a group is meant for the bot (mention or reply); always true in a private chat. */
export function isAddressedToBot(message: TextMessage, me: Pick<UserFromGetMe, "id" | "username">): boolean {
  if (isPrivateChat(message)) return true;
  if (message.reply_to_message?.from?.id === me.id) return true;
  return mentionsBot(message, me) || isCommand(message);
}

/** True when the message names the bot with an @mention. */
export function mentionsBot(message: TextMessage, me: Pick<UserFromGetMe, "username">): boolean {
  return mentionsOf(message).some((m) => m.toLowerCase() === `@${me.username}`.toLowerCase());
}

/**
 * The question a plain (non-command) text message or caption asks the bot,
 * with the bot's @mention removed, or undefined when the bot should stay
 * silent (or the message holds nothing but the mention).
 */
export function questionOf(message: TextMessage, me: Pick<UserFromGetMe, "id" | "username">): string | undefined {
  const { text } = wordsOf(message);
  if (!text || isCommand(message)) return undefined;
  if (!isAddressedToBot(message, me)) return undefined;
  const mention = new RegExp(`@${escapeRegExp(me.username)}\\b`, "gi");
  const question = text.replace(mention, " ").replace(/\s+/g, " ").trim();
  return question || undefined;
}

/** True for a message that mentions the bot and asks nothing ("@bot" alone): it gets a prompt of what to ask. */
export function isBareMention(message: TextMessage, me: Pick<UserFromGetMe, "id" | "username">): boolean {
  return mentionsBot(message, me) && !isCommand(message) && questionOf(message, me) === undefined;
}

function isCommand(message: TextMessage): boolean {
  return wordsOf(message).entities.some((e) => e.type === "bot_command" && e.offset === 0);
}

function mentionsOf(message: TextMessage): string[] {
  const { text, entities } = wordsOf(message);
  return entities.filter((e) => e.type === "mention").map((e) => text.slice(e.offset, e.offset + e.length));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
