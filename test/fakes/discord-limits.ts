// What the real Discord REST API refuses, with the bodies it answers.
// https://discord.com/developers/docs/reference#error-messages: a body breaking a limit is
// 400 {code: 50035, message: "Invalid Form Body", errors: {<path>: {_errors: [...]}}};
// a wrong bot token is 401 {message: "401: Unauthorized", code: 0}.

/** A refusal: HTTP status and JSON body. */
export interface DiscordRejection {
  status: number;
  body: { code: number; message: string; errors?: Record<string, unknown> };
}

interface Problem {
  path: (string | number)[];
  code: string;
  message: string;
}

const MESSAGE_ROUTES = new Set([
  "POST /channels/:channel/messages",
  "PATCH /channels/:channel/messages/:message",
  "POST /webhooks/:application/:token",
  "PATCH /webhooks/:application/:token/messages/:message",
]);
// Interaction and webhook routes are authorised by the token in their path, not the bot token.
const TOKEN_IN_PATH = /^(POST|PATCH|GET|DELETE) \/(interactions|webhooks)\//;

/** Why Discord would refuse this request, or undefined when it would accept it. */
export function discordRejection(route: string, body: any, auth: string | undefined, token?: string): DiscordRejection | undefined {
  if (token !== undefined && !TOKEN_IN_PATH.test(route) && auth !== `Bot ${token}`) {
    return { status: 401, body: { message: "401: Unauthorized", code: 0 } };
  }
  const problems = routeProblems(route, body);
  return problems.length ? invalidFormBody(problems) : emptyMessage(route, body);
}

function routeProblems(route: string, body: any): Problem[] {
  if (MESSAGE_ROUTES.has(route)) return messageProblems(body ?? {}, []);
  if (route === "POST /interactions/:interaction/:token/callback" && [4, 7].includes(body?.type)) return messageProblems(body.data ?? {}, ["data"]);
  if (route === "POST /channels/:channel/messages/:message/threads") return lengthProblems(body?.name, 1, 100, ["name"]);
  if (route.startsWith("PUT /applications/")) return commandsProblems(body);
  return [];
}

/** Every limit a message body breaks (content 2000; embeds 10, title 256, description 4096, 25 fields, 6000 in all; components). */
export function messageProblems(m: any, at: (string | number)[]): Problem[] {
  const problems: Problem[] = [];
  if (typeof m.content === "string") problems.push(...lengthProblems(m.content, 0, 2000, [...at, "content"]));
  const embeds: any[] = m.embeds ?? [];
  if (embeds.length > 10) problems.push(maxItems([...at, "embeds"], 10));
  embeds.forEach((e, i) => problems.push(...embedProblems(e, [...at, "embeds", i])));
  const total = embeds.reduce((n, e) => n + embedSize(e), 0);
  if (total > 6000) problems.push({ path: [...at, "embeds"], code: "MAX_EMBED_SIZE_EXCEEDED", message: "Embed size exceeds maximum size of 6000" });
  problems.push(...componentProblems(m.components ?? [], [...at, "components"]));
  return problems;
}

function embedProblems(e: any, at: (string | number)[]): Problem[] {
  const problems = [
    ...optionalLength(e.title, 256, [...at, "title"]),
    ...optionalLength(e.description, 4096, [...at, "description"]),
    ...optionalLength(e.footer?.text, 2048, [...at, "footer", "text"]),
  ];
  const fields: any[] = e.fields ?? [];
  if (fields.length > 25) problems.push(maxItems([...at, "fields"], 25));
  fields.forEach((f, i) => {
    problems.push(...lengthProblems(f.name, 1, 256, [...at, "fields", i, "name"]), ...lengthProblems(f.value, 1, 1024, [...at, "fields", i, "value"]));
  });
  return problems;
}

function embedSize(e: any): number {
  const parts = [e.title, e.description, e.footer?.text, e.author?.name, ...(e.fields ?? []).flatMap((f: any) => [f.name, f.value])];
  return parts.reduce((n: number, p: unknown) => n + (typeof p === "string" ? p.length : 0), 0);
}

function componentProblems(rows: any[], at: (string | number)[]): Problem[] {
  const problems = rows.length > 5 ? [maxItems(at, 5)] : [];
  rows.forEach((row, i) => {
    const buttons: any[] = row.components ?? [];
    if (buttons.length > 5) problems.push(maxItems([...at, i, "components"], 5));
    buttons.forEach((b, j) => {
      const here = [...at, i, "components", j];
      problems.push(...lengthProblems(b.label, 1, 80, [...here, "label"]), ...lengthProblems(b.custom_id, 1, 100, [...here, "custom_id"]));
    });
  });
  return problems;
}

// Application commands: 32-character names, 100-character descriptions, 25 options (and
// subcommands) per level, 25 choices; at most 100 commands.
function commandsProblems(commands: any[]): Problem[] {
  const problems = commands.length > 100 ? [maxItems([], 100)] : [];
  commands.forEach((c, i) => {
    problems.push(...commandProblems(c, [i]));
    // Names, descriptions and choices of one command share 8000 characters.
    if (commandSize(c) > 8000) problems.push({ path: [i], code: "APPLICATION_COMMAND_TOO_LARGE", message: "Command exceeds maximum size (8000)" });
  });
  return problems;
}

function commandSize(c: any): number {
  const own = String(c.name ?? "").length + String(c.description ?? "").length;
  const choices = (c.choices ?? []).reduce((n: number, ch: any) => n + String(ch.name).length + String(ch.value).length, 0);
  return own + choices + (c.options ?? []).reduce((n: number, o: any) => n + commandSize(o), 0);
}

function commandProblems(c: any, at: (string | number)[]): Problem[] {
  const problems = [...lengthProblems(c.name, 1, 32, [...at, "name"])];
  if (typeof c.name === "string" && !/^[-_\p{L}\p{N}]{1,32}$/u.test(c.name)) problems.push({ path: [...at, "name"], code: "APPLICATION_COMMAND_INVALID_NAME", message: "Command name is invalid" });
  if (c.description !== undefined) problems.push(...lengthProblems(c.description, 1, 100, [...at, "description"]));
  const options: any[] = c.options ?? [];
  if (options.length > 25) problems.push(maxItems([...at, "options"], 25));
  if ((c.choices ?? []).length > 25) problems.push(maxItems([...at, "choices"], 25));
  (c.choices ?? []).forEach((ch: any, k: number) => problems.push(...lengthProblems(ch.name, 1, 100, [...at, "choices", k, "name"])));
  options.forEach((o, j) => problems.push(...commandProblems(o, [...at, "options", j])));
  return problems;
}

function optionalLength(value: unknown, max: number, at: (string | number)[]): Problem[] {
  return value === undefined ? [] : lengthProblems(value, 1, max, at);
}

function lengthProblems(value: unknown, min: number, max: number, at: (string | number)[]): Problem[] {
  if (typeof value !== "string") return min > 0 ? [{ path: at, code: "BASE_TYPE_REQUIRED", message: "This field is required" }] : [];
  const size = [...value].length;
  if (size > max) return [{ path: at, code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${max} or fewer in length.` }];
  if (size < min || (min > 0 && value.trim() === "")) return [{ path: at, code: "BASE_TYPE_MIN_LENGTH", message: `Must be ${min} or more in length.` }];
  if (!(value as string & { isWellFormed(): boolean }).isWellFormed()) return [{ path: at, code: "STRING_TYPE_INVALID", message: "Could not interpret input as a string." }];
  return [];
}

function maxItems(at: (string | number)[], max: number): Problem {
  return { path: at, code: "BASE_TYPE_MAX_LENGTH", message: `Must be ${max} or fewer in length.` };
}

// Discord nests errors by path: {embeds: {"0": {title: {_errors: [...]}}}}.
function invalidFormBody(problems: Problem[]): DiscordRejection {
  const errors: Record<string, any> = {};
  for (const p of problems) {
    let node = errors;
    for (const key of p.path) node = node[String(key)] ??= {};
    (node._errors ??= []).push({ code: p.code, message: p.message });
  }
  return { status: 400, body: { code: 50035, message: "Invalid Form Body", errors } };
}

function emptyMessage(route: string, body: any): DiscordRejection | undefined {
  if (route !== "POST /channels/:channel/messages" && route !== "POST /webhooks/:application/:token") return undefined;
  const empty = !body?.content && !(body?.embeds ?? []).length && !(body?.components ?? []).length;
  return empty ? { status: 400, body: { code: 50006, message: "Cannot send an empty message" } } : undefined;
}
