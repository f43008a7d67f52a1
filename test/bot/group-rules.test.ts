import { describe, expect, it } from "vitest";
import type { Message } from "grammy/types";
import { isAddressedToBot, questionOf } from "../../src/bot/group-rules.js";

const me = { id: 666, username: "TaianIpBot" };
const user = { id: 1, is_bot: false, first_name: "企业" };
const botUser = { id: 666, is_bot: true, first_name: "Bot" };

function message(text: string, chat: "private" | "group", extra: Partial<Message> = {}): Message {
  const base = {
    message_id: 1,
    date: 0,
    from: user,
    text,
    chat: chat === "private" ? { id: 1, type: "private" as const, first_name: "企业" } : { id: -100, type: "group" as const, title: "企业服务群" },
  };
  return { ...base, ...extra } as Message;
}

const mention = (text: string, name = "@TaianIpBot") => ({
  entities: [{ type: "mention" as const, offset: text.indexOf(name), length: name.length }],
});

describe("which messages are questions", () => {
  it("takes any text in a private chat as a question", () => {
    expect(questionOf(message("专利质押贷款怎么办理？", "private"), me)).toBe("专利质押贷款怎么办理？");
  });

  it("stays silent on a group's own conversation", () => {
    const m = message("明天开会讨论专利质押", "group");
    expect(isAddressedToBot(m, me)).toBe(false);
    expect(questionOf(m, me)).toBeUndefined();
  });

  it("answers a mention in a group, without the mention", () => {
    const text = "@TaianIpBot 专利质押贷款怎么办理？";
    expect(questionOf(message(text, "group", mention(text)), me)).toBe("专利质押贷款怎么办理？");
  });

  it("ignores a mention of another bot", () => {
    const text = "@OtherBot 专利质押贷款怎么办理？";
    expect(questionOf(message(text, "group", mention(text, "@OtherBot")), me)).toBeUndefined();
  });

  it("answers a reply to the bot in a group", () => {
    const reply = message("那找哪个部门？", "group", { reply_to_message: { ...message("…", "group"), from: botUser } as Message["reply_to_message"] });
    expect(questionOf(reply, me)).toBe("那找哪个部门？");
  });

  it("ignores a reply to someone else in a group", () => {
    const reply = message("那找哪个部门？", "group", { reply_to_message: { ...message("…", "group"), from: user } as Message["reply_to_message"] });
    expect(questionOf(reply, me)).toBeUndefined();
  });

  it("leaves commands to the command handlers, but counts them as addressed in groups", () => {
    const m = message("/ask 专利质押", "group", { entities: [{ type: "bot_command", offset: 0, length: 4 }] });
    expect(questionOf(m, me)).toBeUndefined();
    expect(isAddressedToBot(m, me)).toBe(true);
  });

  it("treats a bare mention with no question as nothing to answer", () => {
    const text = "@TaianIpBot";
    expect(questionOf(message(text, "group", mention(text)), me)).toBeUndefined();
  });
});
