import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AnswerSchema, type Answer } from "../../src/engine/answer-schema.js";
import { openSqliteStore, SCHEMA_VERSION } from "../../src/store/index.js";
import { migrate } from "../../src/store/migrations.js";
import type { Store } from "../../src/store/types.js";
import { LOW_CONFIDENCE } from "../../src/engine/confidence.js";

function answer(question: string, overrides: Partial<Answer> = {}): Answer {
  return AnswerSchema.parse({
    question,
    status: "answered",
    answer: "…",
    citations: [
      {
        id: "outline#3.4.3",
        document: "泰安市知识产权强市建设纲要（征求意见稿）",
        path: ["三、工作措施", "（四）加强知识产权保护", "3.开展知识产权专项行动"],
        title: "开展知识产权专项行动",
        units: ["市市场监管局", "市公安局"],
        quote: "…",
      },
    ],
    kind: "topic",
    confidence: 0.8,
    source: "engine",
    parts: { lead: "…" },
    ...overrides,
  });
}

let dir: string;
let file: string;
let store: Store;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "store-test-"));
  // A nested folder that does not exist yet: the store must create it.
  file = path.join(dir, "nested", "data", "bot.sqlite");
  store = openSqliteStore(file);
});

afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("sqlite store", () => {
  it("creates its parent directory and uses WAL", () => {
    expect(fs.existsSync(file)).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it("logs a question with its cited measures and returns its id", () => {
    const id = store.logQuery({ channel: "web", userRef: "console", answer: answer("专项行动找谁？") });
    expect(id).toBeGreaterThan(0);
    const [entry] = store.queries();
    expect(entry).toMatchObject({
      id,
      channel: "web",
      question: "专项行动找谁？",
      status: "answered",
      kind: "topic",
      source: "engine",
      confidence: 0.8,
      citedIds: ["outline#3.4.3"],
      citedTitles: ["开展知识产权专项行动"],
      feedback: null,
    });
    expect(Number.isNaN(Date.parse(entry!.at))).toBe(false);
  });

  it("records feedback and refuses it for an unknown query", () => {
    const id = store.logQuery({ channel: "telegram", answer: answer("a") });
    expect(store.setFeedback(id, false)).toBe(true);
    expect(store.queries()[0]!.feedback).toBe(-1);
    expect(store.setFeedback(id, true)).toBe(true);
    expect(store.queries()[0]!.feedback).toBe(1);
    expect(store.setFeedback(id + 100, true)).toBe(false);
  });

  it("filters the query log by status, low confidence and thumbs-down, newest first", () => {
    const a = store.logQuery({ channel: "web", answer: answer("天气怎么样", { status: "out_of_scope", kind: "out_of_scope", confidence: 0, citations: [] }) });
    const b = store.logQuery({ channel: "web", answer: answer("模糊的问题", { confidence: 0.2 }) });
    const c = store.logQuery({ channel: "cli", answer: answer("清楚的问题", { confidence: 0.9 }) });
    store.setFeedback(c, false);
    expect(store.queries().map((q) => q.id)).toEqual([c, b, a]);
    expect(store.queries({ status: "out_of_scope" }).map((q) => q.id)).toEqual([a]);
    expect(store.queries({ maxConfidence: 0.35 }).map((q) => q.id)).toEqual([b, a]);
    expect(store.queries({ feedback: "down" }).map((q) => q.id)).toEqual([c]);
    expect(store.queries({ feedback: "up" })).toEqual([]);
    expect(store.queries({ limit: 1, offset: 1 }).map((q) => q.id)).toEqual([b]);
    expect(store.queries({ status: "answered", maxConfidence: 0.5 }).map((q) => q.id)).toEqual([b]);
  });

  it("counts usage and groups the questions that were refused or answered below LOW_CONFIDENCE", () => {
    for (let i = 0; i < 3; i++) {
      store.logQuery({ channel: "web", answer: answer("天气怎么样", { status: "out_of_scope", confidence: 0, citations: [] }) });
    }
    store.logQuery({ channel: "web", answer: answer("模糊的问题", { confidence: LOW_CONFIDENCE - 0.01 }) });
    store.logQuery({ channel: "web", answer: answer("模糊的问题", { confidence: 0.1 }) });
    store.logQuery({ channel: "web", answer: answer("刚好够的问题", { confidence: LOW_CONFIDENCE }) });
    const good = store.logQuery({ channel: "web", answer: answer("清楚的问题", { confidence: 0.9 }) });
    const bad = store.logQuery({ channel: "web", answer: answer("清楚的问题", { confidence: 0.9 }) });
    store.setFeedback(good, true);
    store.setFeedback(bad, false);
    expect(store.stats()).toEqual({
      questions: 8,
      outOfScope: 3,
      helpful: 1,
      unhelpful: 1,
      topUnanswered: [
        { question: "天气怎么样", count: 3 },
        { question: "模糊的问题", count: 2 },
      ],
    });
  });

  it("reports zeros for an empty log", () => {
    expect(store.stats()).toEqual({ questions: 0, outOfScope: 0, helpful: 0, unhelpful: 0, topUnanswered: [] });
  });

  it("creates, reads, updates and removes curated answers", () => {
    const created = store.createCurated({ question: "泰安窗口在哪里？", answer: "请见……", recordId: "outline#3.5.1" });
    expect(created).toMatchObject({ question: "泰安窗口在哪里？", answer: "请见……", recordId: "outline#3.5.1" });
    expect(store.getCurated(created.id)).toEqual(created);
    expect(store.listCurated()).toEqual([created]);

    const updated = store.updateCurated(created.id, { question: "泰安窗口办什么？", answer: "新的答复", recordId: "outline#3.5.2" });
    expect(updated).toMatchObject({ id: created.id, question: "泰安窗口办什么？", answer: "新的答复", recordId: "outline#3.5.2" });
    expect(store.updateCurated(created.id + 1, { question: "x", answer: "y", recordId: "z" })).toBeUndefined();

    expect(store.removeCurated(created.id)).toBe(true);
    expect(store.removeCurated(created.id)).toBe(false);
    expect(store.getCurated(created.id)).toBeUndefined();
    expect(store.listCurated()).toEqual([]);
  });

  it("keeps an audit log, newest first, limited on request", () => {
    store.audit("admin-web", "publish", "a.docx");
    store.audit("telegram:42", "reload", "");
    store.audit("admin-web", "curated.create", "#1");
    const log = store.auditLog();
    expect(log.map((e) => e.action)).toEqual(["curated.create", "reload", "publish"]);
    expect(log[2]).toMatchObject({ actor: "admin-web", action: "publish", detail: "a.docx" });
    expect(store.auditLog(1)).toHaveLength(1);
  });

  it("keeps every table's data when the file is opened again", () => {
    const id = store.logQuery({ channel: "web", answer: answer("保留吗？") });
    store.setFeedback(id, true);
    const curated = store.createCurated({ question: "q", answer: "a", recordId: "outline#1" });
    store.audit("admin-web", "login", "");
    store.close();

    store = openSqliteStore(file);
    expect(store.queries()[0]).toMatchObject({ id, question: "保留吗？", feedback: 1 });
    expect(store.getCurated(curated.id)).toEqual(curated);
    expect(store.auditLog()[0]).toMatchObject({ action: "login" });
    // New rows continue the sequence rather than reusing ids.
    expect(store.logQuery({ channel: "web", answer: answer("再问") })).toBe(id + 1);
  });

  it("names who asked on the console and who gave the feedback, and nobody elsewhere", () => {
    const web = store.logQuery({ channel: "web", userRef: "wang.window", answer: answer("专项行动找谁？") });
    const bot = store.logQuery({ channel: "telegram", userRef: "123456", answer: answer("专项行动找谁？") });
    expect(store.setFeedback(web, false, { reason: "wrong_unit", by: "wang.window" })).toBe(true);
    expect(store.queries({ id: web })).toEqual([expect.objectContaining({ id: web, askedBy: "wang.window", feedbackBy: "wang.window", feedbackReason: "wrong_unit" })]);
    // A chat id is not a person's name: the query log does not show it.
    expect(store.queries({ id: bot })[0]).toMatchObject({ askedBy: null, feedbackBy: null });
  });

  it("forgets the shared console's old label 「console」 when it upgrades: those questions were asked by nobody it can name", () => {
    store.close();
    const db = new Database(file);
    // Back to the schema of the shared console (version 3, before feedback_by), with a question it logged.
    db.pragma("user_version = 3");
    db.exec("ALTER TABLE queries DROP COLUMN feedback_by");
    db.prepare(
      `INSERT INTO queries (at, channel, user_ref, question, status, kind, source, confidence, cited_ids, cited_titles) VALUES ('2026-11-01T00:00:00Z', 'web', 'console', '旧问题', 'answered', 'topic', 'engine', 0.8, '[]', '[]')`,
    ).run();
    db.close();
    store = openSqliteStore(file);
    expect(store.queries()[0]).toMatchObject({ question: "旧问题", channel: "web", askedBy: null, feedbackBy: null });
  });

  it("runs migrations once: applying them again changes nothing", () => {
    store.createCurated({ question: "q", answer: "a", recordId: "r" });
    store.close();
    const db = new Database(file);
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect((db.prepare("SELECT COUNT(*) AS n FROM curated").get() as { n: number }).n).toBe(1);
    db.close();
    store = openSqliteStore(file);
    expect(store.listCurated()).toHaveLength(1);
  });

  it("refuses a database written by a newer version", () => {
    store.close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openSqliteStore(file)).toThrow(/newer/);
    store = openSqliteStore(":memory:");
  });
});
