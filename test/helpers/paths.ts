import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CORPUS_DIR = path.join(ROOT, "corpus");
export const FIXTURES = path.join(ROOT, "test", "fixtures");
export const OUTLINE_FILE = "泰安市知识产权强市建设纲要（征求意见稿）.txt";
export const OUTLINE_PATH = path.join(CORPUS_DIR, OUTLINE_FILE);
export const OUTLINE_TITLE = "泰安市知识产权强市建设纲要（征求意见稿）";
