import { InlineKeyboard, type Context } from "grammy";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ThrottledEditor } from "../../src/bot/reply.js";
import { formatDraft, StreamedAnswer } from "../../src/bot/streamed-answer.js";
import { htmlProblems, visibleText } from "./support/telegram-html.js";

describe("ThrottledEditor", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("edits at most once a second and shows the latest step once the second is over", async () => {
    const shown: string[] = [];
    const editor = new ThrottledEditor(async (html) => void shown.push(html), 1_000);
    editor.shown("draft");
    editor.update("a");
    editor.update("ab");
    expect(shown).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(shown).toEqual(["ab"]);
    editor.update("abc");
    await vi.advanceTimersByTimeAsync(999);
    expect(shown).toEqual(["ab"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(shown).toEqual(["ab", "abc"]);
  });

  it("shows the final text after the interval, dropping steps still pending, and never an unchanged text", async () => {
    const shown: [string, number][] = [];
    const editor = new ThrottledEditor(async (html) => void shown.push([html, Date.now()]), 1_000);
    const start = Date.now();
    editor.update("step 1");
    editor.update("step 2");
    const finished = editor.finish("done");
    await vi.runAllTimersAsync();
    await finished;
    expect(shown).toEqual([
      ["step 1", start],
      ["done", start + 1_000],
    ]);
    const again = editor.finish("done");
    await vi.runAllTimersAsync();
    await again;
    expect(shown).toHaveLength(2);
  });
});

/** A chat as far as StreamedAnswer uses it, recording what is sent, edited and deleted. */
function fakeChat(options: { failEdits?: boolean } = {}) {
  const calls: { method: string; text?: string; keyboard?: unknown }[] = [];
  let nextId = 100;
  const ctx = {
    chat: { id: 7, type: "private" },
    reply: async (text: string, other: { reply_markup?: unknown }) => {
      calls.push({ method: "send", text, keyboard: other.reply_markup });
      return { message_id: nextId++, chat: { id: 7 }, text };
    },
    api: {
      editMessageText: async (_chat: number, _id: number, text: string, other: { reply_markup?: unknown }) => {
        if (options.failEdits) throw new Error("Bad Request: message to edit not found");
        calls.push({ method: "edit", text, keyboard: other.reply_markup });
        return true;
      },
      deleteMessage: async () => void calls.push({ method: "delete" }),
    },
  };
  return { ctx: ctx as unknown as Context, calls };
}

const logger = pino({ level: "silent" });
const keyboard = new InlineKeyboard().text("👍 有帮助", "f|1|1");

describe("StreamedAnswer", () => {
  it("sends the answer as a plain reply when no text streamed", async () => {
    const { ctx, calls } = fakeChat();
    await new StreamedAnswer(ctx, logger, 10).finish("<b>答复</b>", keyboard);
    expect(calls).toEqual([{ method: "send", text: "<b>答复</b>", keyboard }]);
  });

  it("puts a long answer into the draft and sends the rest after it, the buttons on the last part", async () => {
    const { ctx, calls } = fakeChat();
    const answer = new StreamedAnswer(ctx, logger, 10);
    answer.onText("纲要提出");
    await new Promise((resolve) => setTimeout(resolve, 20));
    answer.onText("纲要提出推进知识产权质押融资");
    await new Promise((resolve) => setTimeout(resolve, 20));
    const long = Array.from({ length: 300 }, (_, i) => `第${i}句，推进知识产权质押融资办理电子化。`).join("\n");
    await answer.finish(long, keyboard);

    expect(calls.map((c) => c.method)).toEqual(["send", "edit", "edit", "send"]);
    expect(visibleText(calls[0]!.text!)).toContain("纲要提出");
    expect(visibleText(calls[1]!.text!)).toContain("纲要提出推进知识产权质押融资");
    expect(calls[2]!.keyboard).toBeUndefined();
    expect(calls[3]!.keyboard).toBe(keyboard);
    expect(calls[2]!.text! + calls[3]!.text!).toBe(long);
  });

  it("removes the draft and sends the answer anew when the draft cannot be edited", async () => {
    const { ctx, calls } = fakeChat({ failEdits: true });
    const answer = new StreamedAnswer(ctx, logger, 10);
    answer.onText("纲要提出");
    await answer.finish("<b>答复</b>", keyboard);
    expect(calls.map((c) => c.method)).toEqual(["send", "delete", "send"]);
    expect(calls[2]).toEqual({ method: "send", text: "<b>答复</b>", keyboard });
  });

  it("shows a draft of any length as escaped HTML within one message", () => {
    const draft = formatDraft("<script>&".repeat(2_000));
    expect(htmlProblems(draft)).toEqual([]);
    expect(visibleText(draft)).toMatch(/^<script>&<script>&/);
    expect(visibleText(draft)).toContain("……\n\n✍️ 正在撰写回答……");
  });
});
