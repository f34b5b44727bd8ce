/**
 * Imported first by main.ts, before any other module loads: V8 sizes its heap for memory, not
 * speed. A chat-ops bot spends its time waiting on chat platforms and the database; measured
 * (bench/rss.bench.ts, bench/commands.bench.ts) this takes about a fifth off the resident set of
 * a process running every adapter, for about a tenth of the commands/s one at a time.
 * The flags V8 reads only at start (young generation, worker threads) are passed by the start
 * scripts (package.json "config.nodeFlags").
 */
import v8 from "node:v8";

v8.setFlagsFromString("--optimize-for-size");
