/**
 * Runs each chat's updates in order, chats in parallel, and keeps track of
 * everything still running so that shutdown can wait for answers in flight.
 *
 * grammY's built-in polling handles updates one by one; a slow answer or an
 * admin's /reload would hold up every other chat. Handing each update to its
 * chat's queue lets the polling loop move on, while a chat's own messages
 * still arrive in order (a follow-up must see the answer before it).
 */
export class ChatQueues {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly running = new Set<Promise<void>>();

  /** Queues `task` behind the chat's earlier tasks. `task` must handle its own errors. */
  enqueue(chatKey: string, task: () => Promise<void>): void {
    const previous = this.tails.get(chatKey) ?? Promise.resolve();
    const next = previous.then(task, task);
    this.tails.set(chatKey, next);
    this.track(next);
    void next.finally(() => {
      if (this.tails.get(chatKey) === next) this.tails.delete(chatKey);
    });
  }

  /** Tracks a background job (a reload, a publish) that shutdown must wait for. */
  track(job: Promise<unknown>): void {
    const settled = job.then(
      () => undefined,
      () => undefined,
    );
    this.running.add(settled);
    void settled.finally(() => this.running.delete(settled));
  }

  get size(): number {
    return this.running.size;
  }

  /** Resolves once nothing is running, including jobs started while waiting. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
