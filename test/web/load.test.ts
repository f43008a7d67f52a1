import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fireAskLoad } from "../../src/bench/load.js";
import { readQuestionSources } from "../../src/bench/question-sources.js";
import { generateQuestions, type BenchQuestion } from "../../src/bench/questions.js";
import { SHARED_DEV_SET } from "../helpers/paths.js";
import { CORPUS, sessionHeaders, startTestConsole, type TestConsole } from "./support/console.js";

const REQUESTS = 2_000;
const CONCURRENCY = 50;

let app: TestConsole;
let questions: BenchQuestion[];

beforeAll(async () => {
  app = await startTestConsole();
  // The shared question set is used when present; the mix stands without it.
  questions = generateQuestions(await readQuestionSources(CORPUS, SHARED_DEV_SET), REQUESTS);
});
afterAll(async () => {
  await app?.stop();
});

describe("POST /api/ask under load", () => {
  it(`answers ${REQUESTS} questions at ${CONCURRENCY} concurrent, every one a 200 with a valid answer, and stays healthy`, { timeout: 300_000 }, async () => {
    expect(questions.some((q) => q.flavour === "out_of_scope")).toBe(true);
    expect(questions.some((q) => q.followUp)).toBe(true);

    // As a window worker signed in through the API, the way a script would.
    const result = await fireAskLoad({ url: app.url, questions, concurrency: CONCURRENCY, headers: await sessionHeaders(app) });

    expect(result.errors.slice(0, 5)).toEqual([]);
    expect(result.errors).toHaveLength(0);
    expect(result.requests).toBe(REQUESTS);
    expect(result.answered + result.outOfScope).toBe(REQUESTS);
    // In-scope questions are answered and out-of-scope ones refused, so both kinds of reply were exercised.
    expect(result.answered).toBeGreaterThan(0);
    expect(result.outOfScope).toBeGreaterThan(0);

    const health = await fetch(`${app.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ reloading: false, indexVersion: expect.any(String) });
  });
});
