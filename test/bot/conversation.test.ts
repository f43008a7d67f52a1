import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotConversations } from "../../src/bot/conversation.js";
import { openSqliteStore } from "../../src/store/index.js";
import type { Store } from "../../src/store/types.js";

const pledge = { previousQuestion: "专利质押贷款怎么办理？", previousCitationIds: ["outline#3.3.2"] };
const mediation = { previousQuestion: "知识产权纠纷调解找谁？", previousCitationIds: ["outline#3.4.5"] };
const TTL = 30 * 60_000;

let dir: string;
let file: string;
let store: Store;
let t: number;
const clock = () => t;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "conversation-test-"));
  file = path.join(dir, "bot.sqlite");
  store = openSqliteStore(file);
  t = 1_000_000;
});

afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("BotConversations", () => {
  it("continues each chat's latest turn", () => {
    const conversations = new BotConversations(store.conversations, TTL, clock);
    conversations.remember(1, [10], pledge);
    conversations.remember(2, [20], mediation);
    expect(conversations.contextFor(1)).toEqual(pledge);
    expect(conversations.contextFor(2)).toEqual(mediation);
    expect(conversations.contextFor(3)).toBeUndefined();
  });

  it("resolves a reply to an older answer against that answer's turn, not the chat's latest", () => {
    const conversations = new BotConversations(store.conversations, TTL, clock);
    conversations.remember(-100, [10, 11], pledge);
    conversations.remember(-100, [12], mediation);
    expect(conversations.contextFor(-100)).toEqual(mediation);
    expect(conversations.contextFor(-100, 10)).toEqual(pledge);
    expect(conversations.contextFor(-100, 11)).toEqual(pledge);
    // A reply to a bot message that was not an answer (a greeting) continues the chat's latest.
    expect(conversations.contextFor(-100, 99)).toEqual(mediation);
  });

  it("continues only the anchor's own turn for a button under an answer, never a newer answer's", () => {
    let now = 0;
    const conversations = new BotConversations(store.conversations, 1000, () => now);
    conversations.remember(1, [10], pledge);
    now = 900;
    conversations.remember(1, [11], mediation);
    now = 1500;
    expect(conversations.contextFor(1, 10, { strict: true })).toBeUndefined();
    expect(conversations.contextFor(1, 11, { strict: true })).toEqual(mediation);
    expect(conversations.contextFor(1, 10)).toEqual(mediation);
  });

  it("keeps turns in the database: a new process sees them", () => {
    new BotConversations(store.conversations, TTL, clock).remember(1, [10], pledge);
    store.close();
    store = openSqliteStore(file);
    expect(new BotConversations(store.conversations, TTL, clock).contextFor(1, 10)).toEqual(pledge);
  });

  it("forgets a turn after the TTL", () => {
    const conversations = new BotConversations(store.conversations, 1000, clock);
    conversations.remember(1, [10], pledge);
    t += 1000;
    expect(conversations.contextFor(1)).toEqual(pledge);
    t += 1;
    expect(conversations.contextFor(1)).toBeUndefined();
    expect(conversations.contextFor(1, 10)).toBeUndefined();
  });

  it("forgets every turn of a chat on reset, and only that chat's", () => {
    const conversations = new BotConversations(store.conversations, TTL, clock);
    conversations.remember(1, [10], pledge);
    conversations.remember(2, [20], mediation);
    expect(conversations.reset(1)).toBe(true);
    expect(conversations.contextFor(1)).toBeUndefined();
    expect(conversations.contextFor(1, 10)).toBeUndefined();
    expect(conversations.contextFor(2)).toEqual(mediation);
    expect(conversations.reset(1)).toBe(false);
  });
});
