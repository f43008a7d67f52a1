import type { PolicyRecord } from "../corpus/types.js";
import type { QuestionAnalysis } from "./question.js";
import { questionSimilarity } from "./similarity.js";
import { detailsReallyAsked } from "./specifics.js";

/** A pair answering the very question asked weighs up to 1 + this. */
const PAIR_MATCH = 0.5;
/** Questions sharing no more than their topic (什么是质押融资 and 质押贷款怎么办理) are this alike: no sign the pair answers. */
const PAIR_FLOOR = 0.3;

/** A record of a 问/答 pair: titled by its question. */
export function isPair(record: PolicyRecord): boolean {
  return record.titleDerived === true && /[？?]$/.test(record.title);
}

/**
 * The questions of the corpus's 问/答 pairs (政策解读), analysed once: a user who asks what a pair
 * asks (申请维权援助要交什么材料 and 企业申请维权援助需要提交哪些材料？) is answered by that pair.
 */
export class PairQuestions {
  private readonly asked: Map<string, QuestionAnalysis>;

  constructor(
    records: readonly PolicyRecord[],
    analyze: (text: string) => QuestionAnalysis,
    private readonly idf: (term: string) => number,
  ) {
    this.asked = new Map(records.filter(isPair).map((r) => [r.id, analyze(r.title)]));
  }

  /** Each record's weight for a question: above 1 for a pair whose question says the same, 1 for every other record. */
  weigher(question: QuestionAnalysis): (recordId: string) => number {
    // Like the detail documents it belongs to, a pair answers a detail asked (要交什么材料, 几天有结果); a general question goes to the plan.
    if (detailsReallyAsked(question.specifics, question.text).length === 0) return () => 1;
    return (recordId) => {
      const asked = this.asked.get(recordId);
      if (!asked) return 1;
      const similarity = questionSimilarity(asked, question, this.idf);
      return 1 + (PAIR_MATCH * Math.max(0, similarity - PAIR_FLOOR)) / (1 - PAIR_FLOOR);
    };
  }
}
