/**
 * Optional LLM-written answers that stay grounded. With LLM_PROVIDER=openai
 * the service hands each in-scope question's extractive answer and candidate
 * records to the composer, which returns a verified model answer or the
 * extractive one unchanged.
 */
import type { Config } from "../config/config.js";
import type { Logger } from "../log/logger.js";
import { createComposer, type GroundedComposer } from "./composer.js";
import { createChatProvider } from "./provider.js";

export type { GroundedComposer, ComposeInput, FallbackReason } from "./composer.js";
export { PromptError } from "./prompts.js";

/**
 * The composer for the configured provider, or undefined when
 * LLM_PROVIDER=none. Throws `PromptError` when a prompt file is missing or
 * malformed (a start-up error the edge reports with the file name).
 */
export async function createGroundedComposer(deps: { config: Config; logger: Logger; promptsDir: string }): Promise<GroundedComposer | undefined> {
  if (deps.config.LLM_PROVIDER === "none") return undefined;
  return createComposer({ ...deps, provider: await createChatProvider(deps.config) });
}
