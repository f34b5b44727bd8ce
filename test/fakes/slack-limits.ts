// What the real Slack Web API refuses, with the errors it answers (HTTP 200, ok:false).
// https://docs.slack.dev/reference/block-kit/blocks and the chat.postMessage reference:
// any Block Kit limit broken -> invalid_blocks with json-pointer messages; text over 40 000
// characters -> msg_too_long; a missing or wrong token -> not_authed / invalid_auth.

/** A Slack `ok:false` answer. */
export interface SlackRejection {
  ok: false;
  error: string;
  errors?: string[];
  response_metadata?: { messages: string[] };
}

const TEXT_MAX = 40_000;
const MESSAGE_METHODS = new Set(["chat.postMessage", "chat.update", "chat.postEphemeral", "response_url"]);

/** Why Slack would refuse this call, or undefined when it would accept it. */
export function slackRejection(method: string, params: Record<string, any>, auth: string | undefined, token?: string): SlackRejection | undefined {
  if (method !== "response_url" && token !== undefined) {
    if (!auth) return { ok: false, error: "not_authed" };
    if (auth !== `Bearer ${token}`) return { ok: false, error: "invalid_auth" };
  }
  if (method === "views.open") return blocksRejection(viewProblems(params.view));
  if (!MESSAGE_METHODS.has(method)) return undefined;
  return messageRejection(params);
}

/** Why Slack would refuse this message body (text + blocks), or undefined. */
export function messageRejection(params: { text?: string; blocks?: any[] }): SlackRejection | undefined {
  const text = params.text ?? "";
  if (!wellFormed(text)) return { ok: false, error: "invalid_arguments" };
  if (text.length > TEXT_MAX) return { ok: false, error: "msg_too_long" };
  if (!text && !params.blocks?.length) return { ok: false, error: "no_text" };
  return blocksRejection(blockProblems(params.blocks ?? [], "/blocks", 50));
}

function blocksRejection(problems: string[]): SlackRejection | undefined {
  if (problems.length === 0) return undefined;
  return { ok: false, error: "invalid_blocks", errors: problems, response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) } };
}

/** Every Block Kit problem in `blocks`, as Slack words them. */
export function blockProblems(blocks: any[], at: string, maxBlocks: number): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return [`must be an array [json-pointer:${at}]`];
  if (blocks.length > maxBlocks) problems.push(`no more than ${maxBlocks} items allowed [json-pointer:${at}]`);
  blocks.forEach((block, i) => problems.push(...blockProblem(block, `${at}/${i}`)));
  return problems;
}

function blockProblem(block: any, at: string): string[] {
  const problems = idProblem(block.block_id, 255, `${at}/block_id`);
  switch (block.type) {
    case "header":
      return [...problems, ...textProblem(block.text, 150, `${at}/text`, "plain_text")];
    case "section":
      return [...problems, ...sectionProblems(block, at)];
    case "actions":
      return [...problems, ...actionsProblems(block, at)];
    case "context":
      return [...problems, ...(block.elements?.length > 10 ? [`must contain at most 10 items [json-pointer:${at}/elements]`] : [])];
    case "divider":
      return problems;
    case "input":
      return [...problems, ...textProblem(block.label, 2000, `${at}/label`, "plain_text")];
    default:
      return [...problems, `unsupported block type ${String(block.type)} [json-pointer:${at}/type]`];
  }
}

function sectionProblems(block: any, at: string): string[] {
  if (!block.text && !block.fields) return [`must provide either text or fields [json-pointer:${at}]`];
  const problems = block.text ? textProblem(block.text, 3000, `${at}/text`) : [];
  const fields: any[] = block.fields ?? [];
  if (fields.length > 10) problems.push(`must be less than 11 items [json-pointer:${at}/fields]`);
  fields.forEach((f, i) => problems.push(...textProblem(f, 2000, `${at}/fields/${i}`)));
  return problems;
}

function actionsProblems(block: any, at: string): string[] {
  const elements: any[] = block.elements ?? [];
  const problems = elements.length > 25 ? [`must be less than 26 items [json-pointer:${at}/elements]`] : [];
  if (elements.length === 0) problems.push(`must be more than 0 items [json-pointer:${at}/elements]`);
  elements.forEach((e, i) => {
    const here = `${at}/elements/${i}`;
    problems.push(...textProblem(e.text, 75, `${here}/text`, "plain_text"), ...idProblem(e.action_id, 255, `${here}/action_id`));
    if (e.value !== undefined && String(e.value).length > 2000) problems.push(`must be less than 2001 characters [json-pointer:${here}/value]`);
  });
  return problems;
}

function textProblem(text: any, max: number, at: string, type?: "plain_text"): string[] {
  if (!text || typeof text.text !== "string") return [`must provide an object [json-pointer:${at}]`];
  if (type && text.type !== type) return [`must be a valid enum value [json-pointer:${at}/type]`];
  if (text.text.length === 0) return [`must be more than 0 characters [json-pointer:${at}/text]`];
  if (text.text.length > max) return [`must be less than ${max + 1} characters [json-pointer:${at}/text]`];
  if (!wellFormed(text.text)) return [`must be a valid string [json-pointer:${at}/text]`];
  return [];
}

function idProblem(id: unknown, max: number, at: string): string[] {
  return typeof id === "string" && id.length > max ? [`must be less than ${max + 1} characters [json-pointer:${at}]`] : [];
}

function viewProblems(view: any): string[] {
  if (!view) return ["must provide an object [json-pointer:/view]"];
  const problems = textProblem(view.title, 24, "/view/title", "plain_text");
  if (typeof view.private_metadata === "string" && view.private_metadata.length > 3000) problems.push("must be less than 3001 characters [json-pointer:/view/private_metadata]");
  for (const [i, block] of (view.blocks ?? []).entries()) {
    for (const [j, o] of (block.element?.options ?? []).entries()) problems.push(...textProblem(o.text, 75, `/view/blocks/${i}/element/options/${j}/text`, "plain_text"));
    if ((block.element?.options ?? []).length > 100) problems.push(`must be less than 101 items [json-pointer:/view/blocks/${i}/element/options]`);
  }
  return [...problems, ...blockProblems(view.blocks ?? [], "/view/blocks", 100)];
}

// Slack's JSON decoder refuses a lone surrogate (it is not UTF-8).
function wellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}
