import { beforeAll, describe, expect, it } from "vitest";
import { type Lexicon, readLexicon } from "../../../src/corpus/lexicon.js";
import { prepareMessage } from "../../../src/engine/understand/prepare.js";
import type { Vocabulary } from "../../../src/engine/understand/typos.js";
import { CORPUS_DIR } from "../../helpers/paths.js";
import { outlineVocabulary } from "./vocabulary.js";

let lexicon: Lexicon;
let vocabulary: Vocabulary;
beforeAll(async () => {
  [lexicon, vocabulary] = await Promise.all([readLexicon(CORPUS_DIR), outlineVocabulary()]);
});

const prepare = (message: string) => prepareMessage(message, lexicon, vocabulary);

describe("prepareMessage", () => {
  it("converts script and corrects typos, keeping what the user wrote", () => {
    const prepared = prepare("專力質壓代款咋弄");
    expect(prepared.original).toBe("專力質壓代款咋弄");
    expect(prepared.text).toBe("专利质押贷款咋弄");
    expect(prepared.corrections.map((c) => c.to)).toEqual(["专利", "质押", "贷款"]);
    expect(prepared.smallTalk).toBeUndefined();
    expect(prepared.trap).toBeUndefined();
  });

  it("recognises small talk and corrects nothing in it", () => {
    expect(prepare("您好！")).toMatchObject({ smallTalk: "greeting", corrections: [] });
    expect(prepare("转人工")).toMatchObject({ smallTalk: "human" });
  });

  it("finds a near-topic trap in the corrected text", () => {
    expect(prepare("公司员工要跟我们打劳动官司，怎么处理").trap?.topic).toBe("劳动人事");
    expect(prepare("商表被人抢住了怎么办").trap).toBeUndefined();
  });

  it("marks an English question and leaves its words alone", () => {
    expect(prepare("How can I get a patent pledge loan?")).toMatchObject({ english: true, corrections: [], text: "how can i get a patent pledge loan?" });
    expect(prepare("专利质押贷款怎么办理？").english).toBe(false);
  });
});
