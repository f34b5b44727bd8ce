// What Vigil says about its own deliveries (dead letters), kept with the rest of the copy.

export const deliveryCopy = {
  deadLetterTitle: "⚠️ Vigil could not deliver a message",
  deadLetter: (row: { id: number; platform: string; channelId: string; error: string; preview: string }) =>
    `Outbox row ${row.id} to ${row.platform} channel ${row.channelId} was given up: ${row.error}.\n` +
    `It said: “${row.preview}”\n` +
    `Fix the channel or the bot's access, then replay it with \`npm run outbox -- retry ${row.id}\` (or \`retry --all\`).`,
  noCardForThread: "its incident card was never posted in this channel",
  /** The title of several duty-lead posts sent as one (a storm of alerts, many incidents at once). */
  dutyDigestTitle: (count: number) => `${count} updates for the duty lead`,
};

/** What `npm run outbox` prints. */
export const outboxCliCopy = {
  usage: "Usage: npm run outbox -- list | retry <id> [<id>…] | retry --all",
  noDeadLetters: "No dead-lettered messages.",
  deadLetterLine: (row: { id: number; platform: string; channelId: string; kind: string; attempts: number; error: string; preview: string }) =>
    `#${row.id}  ${row.platform}/${row.channelId}  ${row.kind}  attempts ${row.attempts}  ${row.error}\n      “${row.preview}”`,
  badId: (raw: string) => `“${raw}” is not an outbox row id (a whole number, as \`list\` shows).`,
  notDead: (ids: number[]) => `Not dead-lettered (nothing to replay): ${ids.map((id) => `#${id}`).join(", ")}.`,
  replayed: (count: number) => `${count} message(s) put back in their queues; a running Vigil sends them within a second.`,
};
