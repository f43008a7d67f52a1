/**
 * A question the outline's engine asks back about (kind `clarify`): told in an enterprise's
 * words, close to two measures at once (司法保护 and 保护机制). Shared by the engine, bot and web
 * tests so that one change of the engine's answer is one change here.
 */
export const CLOSE_CALL = "侵权的人判得太轻了，检察院会不会管一管";
