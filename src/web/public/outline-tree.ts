import type { OutlineNode } from "../../corpus/types.js";
import type { DocumentOutline } from "../../app/types.js";
import { el } from "./dom.js";

/**
 * Renders documents' outlines as nested `<details>` trees. A heading with a
 * body becomes a button that calls `onOpen(recordId)`; headings with children
 * expand and collapse (keyboard: Tab to a summary, Enter/Space to toggle).
 */
export function outlineTree(documents: DocumentOutline[], onOpen: (recordId: string) => void): HTMLElement {
  const renderNode = (node: OutlineNode): HTMLElement => {
    const open = node.recordId ? el("button", { type: "button", class: "link", "data-record": node.recordId, onclick: () => onOpen(node.recordId!) }, node.heading) : null;
    if (node.children.length === 0) return el("li", { class: "leaf" }, open ?? el("span", {}, node.heading));
    return el(
      "li",
      {},
      el(
        "details",
        {},
        el("summary", {}, node.heading),
        open ? el("div", { class: "node-body" }, el("button", { type: "button", class: "link small", onclick: () => onOpen(node.recordId!) }, "查看本节正文")) : null,
        el("ul", {}, ...node.children.map(renderNode)),
      ),
    );
  };
  return el(
    "div",
    { class: "tree" },
    ...documents.map((doc) => el("details", { class: "doc", open: documents.length === 1 }, el("summary", {}, `《${doc.title}》`), el("ul", {}, ...doc.nodes.map(renderNode)))),
  );
}

/** Every outline node that has a body, flattened with its heading path, for pickers. */
export function recordChoices(documents: DocumentOutline[]): { recordId: string; label: string }[] {
  const out: { recordId: string; label: string }[] = [];
  const walk = (nodes: OutlineNode[], trail: string[]) => {
    for (const node of nodes) {
      const path = [...trail, node.heading];
      if (node.recordId) out.push({ recordId: node.recordId, label: path.join(" › ") });
      walk(node.children, path);
    }
  };
  for (const doc of documents) walk(doc.nodes, [doc.title]);
  return out;
}
