// How many recent update ids to remember. Telegram redelivers an unconfirmed update within
// seconds to minutes; the core's event ledger catches anything older (and across restarts).
const REMEMBERED = 2_000;

/**
 * Recently seen update ids, so a redelivered update is dropped before it reaches the core
 * (which would dedupe it too, but the person would see its reply a second time).
 */
export class UpdateLedger {
  private readonly ids = new Set<number>();

  /** True the first time an update id is seen. */
  firstTime(updateId: number): boolean {
    if (this.ids.has(updateId)) return false;
    this.ids.add(updateId);
    if (this.ids.size > REMEMBERED) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
}
