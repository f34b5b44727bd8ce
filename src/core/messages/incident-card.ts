import type { MessageAction, OutboundMessage } from "../chat-types.js";
import { encodeActionId, type ButtonCommand } from "../commands/action-id.js";
import type { Incident, Status } from "../incident/types.js";
import { incidentKey } from "../incident/types.js";
import { copy } from "./copy.js";
import { formatTime } from "./format-time.js";

/** Names the card shows instead of ids. */
export interface CardNames {
  organisation: string;
  reporter: string;
  assignee?: string;
  acknowledgedBy?: string;
  tierNames: readonly string[];
  zone: string;
}

const NEXT_ACTIONS: Record<Status, ButtonCommand[]> = {
  open: ["ack", "escalate"],
  acknowledged: ["mitigate", "resolve", "escalate"],
  mitigated: ["resolve", "escalate"],
  resolved: [],
  closed: [],
};

/** The incident card every platform shows and edits in place. */
export function buildIncidentCard(incident: Incident, names: CardNames): OutboundMessage {
  const key = incidentKey(incident.number);
  const fields = [
    { label: copy.field.status, value: copy.statusLabel(incident.status) },
    { label: copy.field.severity, value: incident.severity },
    { label: copy.field.organisation, value: names.organisation },
    { label: copy.field.assignee, value: names.assignee ?? copy.nobody },
    { label: copy.field.tier, value: copy.tierLabel(incident.tier, names.tierNames) },
    { label: copy.field.reporter, value: names.reporter },
  ];
  if (incident.acknowledgedAt && names.acknowledgedBy) {
    const when = formatTime(incident.acknowledgedAt, names.zone);
    fields.push({ label: copy.field.acknowledged, value: copy.acknowledgedBy(names.acknowledgedBy, when) });
  }
  if (incident.resolution) fields.push({ label: copy.field.resolution, value: incident.resolution });
  const actions: MessageAction[] = NEXT_ACTIONS[incident.status].map((command) => ({
    id: encodeActionId(command, incident.number),
    label: copy.button[command],
    style: command === "escalate" ? "danger" : "primary",
  }));
  return {
    title: copy.cardTitle(key, incident.severity, incident.title),
    text: copy.cardText(key, incident.status, incident.title),
    fields,
    ...(actions.length ? { actions } : {}),
  };
}
