-- AlterTable
ALTER TABLE "SlaTimer" ADD COLUMN     "lastUpdateAt" TIMESTAMP(3),
ADD COLUMN     "pauses" TEXT,
ADD COLUMN     "postmortem" TEXT,
ADD COLUMN     "postmortemAt" TIMESTAMP(3),
ADD COLUMN     "severity" TEXT;

-- CopyData: each incident's SLA facts onto its own timer row, created (finished) where it had none.
INSERT INTO "SlaTimer" ("key", "incidentId", "dueAt", "status")
SELECT 'incident:' || s."incidentId", s."incidentId", s."lastUpdateAt", 'done' FROM "SlaState" s
WHERE NOT EXISTS (SELECT 1 FROM "SlaTimer" t WHERE t."key" = 'incident:' || s."incidentId");
UPDATE "SlaTimer" SET "severity" = s."severity", "lastUpdateAt" = s."lastUpdateAt", "pauses" = s."pauses",
  "postmortemAt" = s."postmortemAt", "postmortem" = s."postmortem"
FROM "SlaState" s WHERE "SlaTimer"."key" = 'incident:' || s."incidentId";

-- DropTable
DROP TABLE "SlaState";
