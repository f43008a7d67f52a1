import type { Context, Filter } from "grammy";
import { InlineKeyboard } from "grammy";
import type { InlineQueryResultArticle } from "grammy/types";
import { hashOf } from "../callback-data.js";
import { shareLink } from "../deep-link.js";
import type { BotDeps } from "../deps.js";
import { formatCard } from "../format/card.js";
import { truncate } from "../format/escape.js";
import { splitForTelegram } from "../format/split.js";

/** Cards offered for one inline query. */
const CARDS_MAX = 5;
/** Telegram may cache the cards of a query this long (seconds): the corpus changes rarely. */
const CACHE_SECONDS = 300;

/**
 * Inline mode (`@bot 问题` in any chat): the measures that answer the
 * question as cards to send, each with a button that opens it in the bot. An
 * empty, over-long or out-of-scope query gets no cards and a button to ask in
 * a private chat instead. Inline queries are not written to the query log:
 * Telegram sends one for every pause in typing.
 */
export async function handleInlineQuery(ctx: Filter<Context, "inline_query">, deps: BotDeps): Promise<void> {
  const query = ctx.inlineQuery.query.trim();
  const privateChat = { text: "私聊提问", start_parameter: "inline" };
  if (!query || Array.from(query).length > deps.config.MAX_QUESTION_CHARS) {
    await ctx.answerInlineQuery([], { cache_time: CACHE_SECONDS, button: privateChat });
    return;
  }
  const { answer } = await deps.service.ask(query, { channel: "telegram", userRef: `inline:${ctx.from.id}`, log: false });
  const cards = answer.citations.slice(0, CARDS_MAX).map(
    (citation): InlineQueryResultArticle => ({
      type: "article",
      id: hashOf(citation.id),
      title: citation.title,
      description: truncate(citation.units.length > 0 ? `责任单位：${citation.units.join("、")}` : citation.path.join(" › "), 100),
      // A card is one message: a very long measure is cut at a sentence end (the button opens it whole).
      input_message_content: { message_text: splitForTelegram(formatCard(citation))[0]!, parse_mode: "HTML", link_preview_options: { is_disabled: true } },
      reply_markup: new InlineKeyboard().url("🤖 在助手中查看", shareLink(ctx.me.username, citation.id)),
    }),
  );
  await ctx.answerInlineQuery(cards, {
    cache_time: CACHE_SECONDS,
    ...(cards.length === 0 ? { button: { text: "没有找到相关措施，私聊提问", start_parameter: "inline" } } : {}),
  });
}
