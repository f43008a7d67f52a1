import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CORPUS_DIR = path.join(ROOT, "corpus");
export const FIXTURES = path.join(ROOT, "test", "fixtures");
export const OUTLINE_FILE = "泰安市知识产权强市建设纲要（征求意见稿）.txt";
export const OUTLINE_PATH = path.join(CORPUS_DIR, OUTLINE_FILE);
export const OUTLINE_TITLE = "泰安市知识产权强市建设纲要（征求意见稿）";
/** The product owner's shared evaluation folder, beside the clone as CI has it (`SHARED_DIR` to point elsewhere). */
export const SHARED_EVAL = path.resolve(process.env.SHARED_DIR ?? path.join(ROOT, "..", "shared"), "eval");
export const SHARED_DEV_SET = path.join(SHARED_EVAL, "dev.jsonl");
