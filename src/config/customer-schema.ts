// The customer-loop keys of the policy file: survey timing and the complaint threshold, and
// how long contact invitations stay valid. Everything is optional; product.md gives defaults.
import { z } from "zod";
import { durationSchema } from "../core/sla/duration.js";
import { DEFAULT_CUSTOMER_CONFIG, type CustomerConfig } from "../core/survey/survey-machine.js";

const SCORE = { error: "expected a whole score from 1 to 5" };

/** The survey delay: `now` (the default) or a duration after close. */
const delay = z.union([z.literal("now").transform(() => 0), durationSchema]);

/** The customer-loop keys of the policy file's top level. */
export const customerSections = {
  surveys: z
    .strictObject({
      delay: delay.optional(),
      expiry: durationSchema.optional(),
      reminder: durationSchema.optional(),
      complaintAtOrBelow: z.number(SCORE).int(SCORE).min(1, SCORE).max(5, SCORE).optional(),
      perContactCap: durationSchema.optional(),
    })
    .optional(),
  invites: z.strictObject({ expiry: durationSchema.optional() }).optional(),
};

/** What the builder reads of the parsed file. */
export interface CustomerSectionsInput {
  surveys?: { delay?: number; expiry?: number; reminder?: number; complaintAtOrBelow?: number; perContactCap?: number };
  invites?: { expiry?: number };
}

/** The customer loop's settings, defaults filled in. */
export function buildCustomerConfig(file: CustomerSectionsInput): CustomerConfig {
  const d = DEFAULT_CUSTOMER_CONFIG;
  const s = file.surveys ?? {};
  return {
    survey: {
      delayMs: s.delay ?? d.survey.delayMs,
      expiryMs: s.expiry ?? d.survey.expiryMs,
      reminderMs: s.reminder ?? d.survey.reminderMs,
      complaintAtOrBelow: s.complaintAtOrBelow ?? d.survey.complaintAtOrBelow,
      ...(s.perContactCap ? { perContactCapMs: s.perContactCap } : {}),
    },
    inviteTtlMs: file.invites?.expiry ?? d.inviteTtlMs,
  };
}
