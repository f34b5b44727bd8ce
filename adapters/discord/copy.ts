// The Discord adapter's strings live with the rest of the copy module.
export { DISCORD_COPY } from "../../src/core/messages/copy-platforms.js";
