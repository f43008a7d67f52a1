/**
 * The grounded composer: asks the model for a fluent answer written only from
 * the retrieved records, verifies it, and otherwise returns the engine's
 * extractive answer unchanged. Also rewrites follow-ups into standalone
 * questions. It never throws at its caller.
 */
import { z } from "zod";
import type { Config } from "../config/config.js";
import type { PolicyRecord } from "../corpus/types.js";
import { AnswerSchema, type Answer } from "../engine/answer-schema.js";
import { questionLength } from "../engine/question-check.js";
import type { Logger } from "../log/logger.js";
import { fillTemplate, loadPrompts, questionSlot, type Prompts } from "./prompts.js";
import { DeadlineError, ProviderError, type ChatMessage, type ChatProvider } from "./provider.js";
import { candidatesFrom, citationFor, renderRecords } from "./records.js";
import { unitsWithRoles, type DocumentLookup } from "../engine/compose.js";
import { parseModelReply, readPartialReply, stripThinking } from "./reply.js";
import { verifiedPrefix, verifyReply, type RejectReason } from "./verify.js";

export interface ComposeInput {
  question: string;
  /** The engine's candidate records, most relevant first. */
  candidates: PolicyRecord[];
  /** The engine's own answer: returned unchanged whenever the model's cannot be trusted. */
  extractive: Answer;
  /** Document metadata for citations the engine did not make (by default, what the record's title tells). */
  documents?: DocumentLookup;
  /** Called with the verified answer text so far while the model streams. */
  onPartialText?: (textSoFar: string) => void;
}

export interface GroundedComposer {
  /** Writes a fluent answer from the retrieved records; ALWAYS returns a valid Answer: the verified LLM answer (source "llm") or `extractive` unchanged when anything is wrong. */
  compose(input: ComposeInput): Promise<Answer>;
  /** Rewrites a follow-up ("那找哪个部门？") into a standalone question using the previous turn; returns the question unchanged on any failure. */
  rewriteFollowUp(question: string, previousQuestion: string, previousRecords: PolicyRecord[]): Promise<string>;
  /** Re-reads prompts/ (called on /reload). Throws `PromptError` and keeps the previous prompts when a file is bad. */
  reloadPrompts(): Promise<void>;
}

/** Why a model answer was not used; logged at warn with the detail. */
export type FallbackReason = "timeout" | "provider_error" | "malformed_output" | "invalid_answer" | "incomplete" | RejectReason;

const RewriteSchema = z.object({ question: z.string() });

/** The previous turn's records in a line each, enough to resolve "那找哪个部门？". */
function renderPreviousRecords(records: readonly PolicyRecord[]): string {
  if (records.length === 0) return "（无）";
  return records
    .slice(0, 5)
    .map((r) => `- ${r.path.join(" > ")}（责任单位：${r.units.length ? r.units.join("、") : "原文未列明"}）`)
    .join("\n");
}

/** A provider failure for the log: the HTTP status when there is one, and the (already redacted) message. */
function describeProviderError(err: unknown): string {
  if (err instanceof ProviderError) return err.status ? `HTTP ${err.status}: ${err.message}` : err.message;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

/** Builds the composer on a provider; `createGroundedComposer` in index.ts wires the real one. */
export function composerOn(deps: { provider: ChatProvider; prompts: Prompts; promptsDir: string; logger: Logger; maxQuestionChars: number }): GroundedComposer {
  const { provider, logger } = deps;
  let prompts = deps.prompts;

  async function compose({ question, candidates, extractive, onPartialText, documents }: ComposeInput): Promise<Answer> {
    const started = Date.now();
    const fallback = (reason: FallbackReason, detail: string): Answer => {
      logger.warn({ llm: { reason, detail, ms: Date.now() - started } }, "LLM answer not used; returning the extractive answer");
      return extractive;
    };
    if (extractive.status !== "answered" || candidates.length === 0) return extractive;

    const records = candidatesFrom(candidates);
    // A unit's duties are a complete list by construction: a fluent version must keep every measure.
    const mustCite = extractive.kind === "unit_duties" ? extractive.citations.map((c) => c.id) : [];
    const prompted = new Set([...records.byShortId.values()].map((r) => r.id));
    if (mustCite.some((id) => !prompted.has(id))) return extractive;
    const current = prompts;
    const messages: ChatMessage[] = [
      { role: "system", content: current.system },
      { role: "user", content: fillTemplate(current.answer, { records: renderRecords(records), question: questionSlot(question) }) },
    ];

    let shown = "";
    let streamStopped = false;
    const onText = onPartialText
      ? (raw: string) => {
          if (streamStopped) return;
          const prefix = verifiedPrefix(readPartialReply(raw), records);
          if (!prefix.ok) {
            // Nothing unverified reaches the user; the final check decides what is shown.
            streamStopped = true;
            logger.debug({ llm: { reason: prefix.reason, detail: prefix.detail } }, "LLM stream stopped before an unverified part");
            return;
          }
          if (prefix.text.length <= shown.length) return;
          shown = prefix.text;
          try {
            onPartialText(shown);
          } catch (err) {
            streamStopped = true;
            logger.warn({ err }, "onPartialText failed; no more partial text is sent");
          }
        }
      : undefined;

    let raw: string;
    try {
      raw = await provider.complete(messages, { onText });
    } catch (err) {
      if (err instanceof DeadlineError) return fallback("timeout", err.message);
      return fallback("provider_error", describeProviderError(err));
    }

    const parsed = parseModelReply(raw);
    if (!parsed.ok) return fallback("malformed_output", parsed.reason);
    const verdict = verifyReply(parsed.reply, records);
    if (!verdict.ok) return fallback(verdict.reason, verdict.detail);
    const left = mustCite.filter((id) => !verdict.cited.some((r) => r.id === id));
    if (left.length > 0) return fallback("incomplete", `the unit's measures ${left.join(", ")} are not cited`);

    const citations = verdict.cited.map((record) => citationFor(record, extractive.citations, documents));
    const first = verdict.cited[0];
    const answer = AnswerSchema.safeParse({
      ...extractive,
      status: "answered",
      answer: verdict.answer,
      citations,
      source: "llm",
      // The model's text is the lead; units and notes stay the engine's, of the first record it cites.
      parts: {
        ...extractive.parts,
        lead: verdict.answer,
        quotes: [],
        refs: [],
        units: first ? unitsWithRoles(first) : [],
        unitsComplete: !first?.unitsOpenEnded,
      },
    });
    if (!answer.success) return fallback("invalid_answer", answer.error.message);
    logger.debug({ llm: { ms: Date.now() - started, cited: answer.data.citations.map((c) => c.id) } }, "LLM answer verified");
    return answer.data;
  }

  async function rewriteFollowUp(question: string, previousQuestion: string, previousRecords: PolicyRecord[]): Promise<string> {
    const started = Date.now();
    const unchanged = (reason: string): string => {
      logger.warn({ llm: { reason, ms: Date.now() - started } }, "follow-up not rewritten; using the question as asked");
      return question;
    };
    const content = fillTemplate(prompts.rewrite, {
      previous_question: questionSlot(previousQuestion),
      previous_records: renderPreviousRecords(previousRecords),
      question: questionSlot(question),
    });
    let raw: string;
    try {
      raw = await provider.complete([{ role: "user", content }]);
    } catch (err) {
      return unchanged(err instanceof DeadlineError ? "timeout" : `provider_error: ${describeProviderError(err)}`);
    }
    const body = stripThinking(raw).replace(/```(?:json|JSON)?/g, "");
    const json = body.slice(body.indexOf("{"), body.lastIndexOf("}") + 1);
    let rewritten: string;
    try {
      const parsed = RewriteSchema.safeParse(JSON.parse(json));
      if (!parsed.success) return unchanged("malformed_output");
      rewritten = parsed.data.question.replace(/\s+/g, " ").trim();
    } catch {
      return unchanged("malformed_output");
    }
    if (!rewritten) return unchanged("empty_question");
    if (questionLength(rewritten) > deps.maxQuestionChars) return unchanged("too_long");
    logger.debug({ llm: { ms: Date.now() - started } }, "follow-up rewritten");
    return rewritten;
  }

  return {
    compose: async (input) => {
      try {
        return await compose(input);
      } catch (err) {
        // A programming error must not cost the user their answer.
        logger.error({ err }, "LLM composer failed; returning the extractive answer");
        return input.extractive;
      }
    },
    rewriteFollowUp: async (question, previousQuestion, previousRecords) => {
      try {
        return await rewriteFollowUp(question, previousQuestion, previousRecords);
      } catch (err) {
        logger.error({ err }, "follow-up rewriting failed; using the question as asked");
        return question;
      }
    },
    reloadPrompts: async () => {
      prompts = await loadPrompts(deps.promptsDir);
    },
  };
}

/** Loads prompts and builds the composer; used by index.ts. */
export async function createComposer(deps: { config: Config; logger: Logger; promptsDir: string; provider: ChatProvider }): Promise<GroundedComposer> {
  const prompts = await loadPrompts(deps.promptsDir);
  return composerOn({ provider: deps.provider, prompts, promptsDir: deps.promptsDir, logger: deps.logger, maxQuestionChars: deps.config.MAX_QUESTION_CHARS });
}
