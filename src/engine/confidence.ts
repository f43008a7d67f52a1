/**
 * Below this confidence an answer is "low confidence": the console flags it
 * for checking against the text (匹配度较低), and the admin query log and
 * dashboard count it apart from refusals. The console's script imports it
 * too, so the page and the server never disagree.
 */
export const LOW_CONFIDENCE = 0.35;
