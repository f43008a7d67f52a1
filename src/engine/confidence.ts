/**
 * Below this confidence an answer is "low confidence": the console flags it
 * for checking against the text, and the admin query log and dashboard count
 * it apart from refusals.
 */
export const LOW_CONFIDENCE = 0.35;
