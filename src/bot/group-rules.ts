import type { Message, MessageEntity, UserFromGetMe } from "grammy/types";

/**
 * Who the bot listens to: in a private chat every text is a question; in a
 * group only a command, a mention of the bot (@name) or a reply to one of the
 * bot's messages, so that it never answers the group's own conversation.
 */
export function isPrivateChat(message: Pick<Message, "chat">): boolean {
  return message.chat.type === "private";
}

type TextMessage = Pick<Message, "chat" | "text" | "entities" | "reply_to_message">;

/** True when a message in a group is meant for the bot (mention or reply); always true in a private chat. */
export function isAddressedToBot(message: TextMessage, me: Pick<UserFromGetMe, "id" | "username">): boolean {
  if (isPrivateChat(message)) return true;
  if (message.reply_to_message?.from?.id === me.id) return true;
  return mentionsOf(message).some((m) => m.toLowerCase() === `@${me.username}`.toLowerCase()) || isCommand(message);
}

/**
 * The question a plain (non-command) text message asks the bot, with the
 * bot's @mention removed, or undefined when the bot should stay silent.
 */
export function questionOf(message: TextMessage, me: Pick<UserFromGetMe, "id" | "username">): string | undefined {
  const text = message.text;
  if (!text || isCommand(message)) return undefined;
  if (!isAddressedToBot(message, me)) return undefined;
  const mention = new RegExp(`@${escapeRegExp(me.username)}\\b`, "gi");
  const question = text.replace(mention, " ").replace(/\s+/g, " ").trim();
  return question || undefined;
}

function isCommand(message: TextMessage): boolean {
  return (message.entities ?? []).some((e: MessageEntity) => e.type === "bot_command" && e.offset === 0);
}

function mentionsOf(message: TextMessage): string[] {
  const text = message.text ?? "";
  return (message.entities ?? [])
    .filter((e) => e.type === "mention")
    .map((e) => text.slice(e.offset, e.offset + e.length));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
