import { describe, expect, it } from "vitest";
import type { Block } from "../../src/corpus/blocks.js";
import { recoverStructure, type SectionNode } from "../../src/corpus/structure.js";

describe("structure of deeply nested numbering", () => {
  it("folds the bare items of a list nested 20,000 deep without overflowing the stack", () => {
    // Each "1." restarts a list one level down, so the tree is as deep as the file is long.
    const blocks: Block[] = Array.from({ length: 20_000 }, (_, i) => ({ kind: "paragraph", text: `1.措施${i + 1}` }));
    const structure = recoverStructure(blocks, "深");
    let node: SectionNode | undefined = structure.sections[0];
    let depth = 0;
    while (node?.children[0]) {
      node = node.children[0];
      depth++;
    }
    // The last item has nothing under it: it is folded back into its parent's body.
    expect(depth).toBe(20_000 - 2);
    expect(node?.paragraphs).toEqual(["1.措施20000"]);
  });
});
