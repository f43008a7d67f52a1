import type { PolicyService } from "../app/types.js";
import type { OutlineNode, PolicyRecord } from "../corpus/types.js";
import { resolveRecordRef } from "./callback-data.js";

/** Every record id of the corpus as it is now, in the outline's order (to find a record behind a hashed reference). */
export function* allRecordIds(service: Pick<PolicyService, "outline">): Iterable<string> {
  const walk = function* (nodes: readonly OutlineNode[]): Iterable<string> {
    for (const node of nodes) {
      if (node.recordId) yield node.recordId;
      yield* walk(node.children);
    }
  };
  for (const doc of service.outline()) yield* walk(doc.nodes);
}

/** The record behind a button's reference, if it is still in the corpus. */
export function findRecord(ref: string, service: Pick<PolicyService, "outline" | "record">): PolicyRecord | undefined {
  const id = resolveRecordRef(ref, () => allRecordIds(service));
  return id ? service.record(id) : undefined;
}
