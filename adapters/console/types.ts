import type { Readable, Writable } from "node:stream";

/** Someone the console can act as (`/as <id>`). */
export interface ConsolePerson {
  id: string;
  name: string;
  role: string;
}

/** Console adapter settings. */
export interface ConsoleAdapterConfig {
  input: Readable;
  output: Writable;
  people: ConsolePerson[];
  /** Interactive (a terminal): prompt and readline editing. Otherwise one command per line. */
  interactive: boolean;
  /** Called after each event's reply is printed (e.g. to deliver its messages before the next line). */
  afterEvent?: () => Promise<void>;
  /** Called once at end of input; the console waits for it (e.g. drain the outbox, then exit). */
  onEnd?: () => Promise<void>;
  /** Event ids must be unique across runs: they are remembered in the database. */
  newEventId: () => string;
}
