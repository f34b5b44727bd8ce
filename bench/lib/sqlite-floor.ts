// The physical floor of a command on SQLite: the rows one /incident open, ack, note or resolve
// writes (and the two reads it cannot do without: "was this event handled?" and the incident),
// done directly with better-sqlite3 and prepared statements, in one BEGIN IMMEDIATE … COMMIT
// each, on a migrated Vigil file with the same pragmas. No mapper, no query compiler.
import Database from "better-sqlite3";

export type CommandKind = "open" | "ack" | "note" | "resolve";

const PAYLOAD = JSON.stringify({ text: "INC-1 · P2 · Disk full on db-1", fields: Array.from({ length: 8 }, (_, i) => ({ label: `field ${i}`, value: "x".repeat(24) })) });

/** Runs a command's writes directly against `file`; `close()` when done. */
export function openFloor(file: string): { run(kind: CommandKind, eventId: string, incident: number): void; close(): void } {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  const s = {
    begin: db.prepare("BEGIN IMMEDIATE"),
    commit: db.prepare("COMMIT"),
    seen: db.prepare("SELECT reply FROM ProcessedEvent WHERE eventId = ?"),
    sequence: db.prepare("INSERT INTO Sequence (name, value) VALUES ('incident', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value"),
    insertIncident: db.prepare(
      "INSERT INTO Incident (number, title, description, severity, status, organisationId, reporterId, tier, version, openedAt, updatedAt) VALUES (?, 'Disk full', '', 'P2', 'open', 'acme', 'ana', 0, 1, ?, ?) RETURNING id",
    ),
    readIncident: db.prepare("SELECT * FROM Incident WHERE number = ?"),
    updateIncident: db.prepare("UPDATE Incident SET status = ?, version = version + 1, updatedAt = ? WHERE id = ? AND version = ?"),
    timeline: db.prepare("INSERT INTO TimelineEntry (incidentId, at, kind, actorId, platform, details) VALUES (?, ?, ?, 'ben', 'console', '{}')"),
    // The incident's timer row holds its SLA facts: re-armed and saved in one upsert.
    timer: db.prepare(
      "INSERT INTO SlaTimer (key, incidentId, dueAt, status, generation, severity, lastUpdateAt, pauses) VALUES (?, ?, ?, 'pending', 1, 'P2', ?, '[]') ON CONFLICT (key) DO UPDATE SET dueAt = excluded.dueAt, generation = generation + 1, lastUpdateAt = excluded.lastUpdateAt",
    ),
    outbox: db.prepare("INSERT INTO OutboxMessage (createdAt, platform, channelId, kind, incidentId, payload, status, attempts, nextAttemptAt) VALUES (?, 'console', 'C1', 'card', ?, ?, 'pending', 0, ?)"),
    processed: db.prepare("INSERT INTO ProcessedEvent (eventId, processedAt, reply) VALUES (?, ?, '{}')"),
  };
  db.prepare("INSERT OR IGNORE INTO Organisation (id, name) VALUES ('acme', 'ACME Corp')").run();
  db.prepare("INSERT OR IGNORE INTO Person (id, name, role) VALUES ('ana', 'Ana Lima', 'lead')").run();
  const ids = new Map<number, number>();
  const change = (number: number, status: string, now: string, outboxRows: number) => {
    const row = s.readIncident.get(number) as { id: number; version: number };
    if (status !== "") s.updateIncident.run(status, now, row.id, row.version);
    s.timeline.run(row.id, now, status || "note");
    s.timer.run(`incident:${row.id}`, row.id, now, now);
    for (let i = 0; i < outboxRows; i++) s.outbox.run(now, row.id, PAYLOAD, now);
  };
  return {
    run(kind, eventId, incident) {
      const now = new Date().toISOString();
      s.begin.run();
      s.seen.get(eventId);
      if (kind === "open") {
        const { value } = s.sequence.get() as { value: number };
        const { id } = s.insertIncident.get(value, now, now) as { id: number };
        ids.set(value, id);
        s.timeline.run(id, now, "opened");
        s.timer.run(`incident:${id}`, id, now, now);
        for (let i = 0; i < 3; i++) s.outbox.run(now, id, PAYLOAD, now);
      } else if (kind === "ack") change(incident, "acknowledged", now, 2);
      else if (kind === "note") change(incident, "", now, 1);
      else change(incident, "resolved", now, 2);
      s.processed.run(eventId, now);
      s.commit.run();
    },
    close: () => db.close(),
  };
}
