-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "organisationId" TEXT,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Identity" (
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,

    CONSTRAINT "Identity_pkey" PRIMARY KEY ("platform","externalId")
);

-- CreateTable
CREATE TABLE "Sequence" (
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "Sequence_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" SERIAL NOT NULL,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "reporterId" TEXT NOT NULL,
    "assigneeId" TEXT,
    "tier" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 1,
    "resolution" TEXT,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedById" TEXT,
    "mitigatedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "reopenedAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TimelineEntry" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "kind" TEXT NOT NULL,
    "actorId" TEXT,
    "platform" TEXT NOT NULL,
    "details" TEXT NOT NULL DEFAULT '{}',

    CONSTRAINT "TimelineEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageLink" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MessageLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactInvite" (
    "code" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedBy" TEXT,

    CONSTRAINT "ContactInvite_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "IdentityLink" (
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "linkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IdentityLink_pkey" PRIMARY KEY ("platform","externalId")
);

-- CreateTable
CREATE TABLE "ReportDraft" (
    "id" SERIAL NOT NULL,
    "personId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "incidentId" INTEGER,
    "severity" TEXT,

    CONSTRAINT "ReportDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResolutionCheck" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "contactId" TEXT NOT NULL,
    "askedAt" TIMESTAMP(3) NOT NULL,
    "deadline" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "answeredAt" TIMESTAMP(3),
    "awaitingReason" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT,

    CONSTRAINT "ResolutionCheck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Survey" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "contactId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "assigneeId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "sendAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "score" INTEGER,
    "comment" TEXT,
    "answeredAt" TIMESTAMP(3),
    "awaitingComment" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "surveyId" INTEGER NOT NULL,
    "organisationId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "reviewedAt" TIMESTAMP(3),
    "reviewedById" TEXT,
    "reviewNote" TEXT,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "platform" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "incidentId" INTEGER,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "messageId" TEXT,
    "messageKey" TEXT,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "eventId" TEXT NOT NULL,
    "processedAt" TIMESTAMP(3) NOT NULL,
    "reply" TEXT NOT NULL,

    CONSTRAINT "ProcessedEvent_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "SlaState" (
    "incidentId" INTEGER NOT NULL,
    "severity" TEXT NOT NULL,
    "lastUpdateAt" TIMESTAMP(3) NOT NULL,
    "pauses" TEXT NOT NULL DEFAULT '[]',
    "postmortemAt" TIMESTAMP(3),
    "postmortem" TEXT,

    CONSTRAINT "SlaState_pkey" PRIMARY KEY ("incidentId")
);

-- CreateTable
CREATE TABLE "SlaTimer" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "incidentId" INTEGER,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "generation" INTEGER NOT NULL DEFAULT 1,
    "leaseUntil" TIMESTAMP(3),

    CONSTRAINT "SlaTimer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlaNudge" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "clock" TEXT NOT NULL,
    "cycle" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "repeat" INTEGER NOT NULL DEFAULT 0,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "SlaNudge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OncallRoster" (
    "id" INTEGER NOT NULL,
    "personIds" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "OncallRoster_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Identity_personId_idx" ON "Identity"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_number_key" ON "Incident"("number");

-- CreateIndex
CREATE INDEX "Incident_status_idx" ON "Incident"("status");

-- CreateIndex
CREATE INDEX "Incident_organisationId_status_idx" ON "Incident"("organisationId", "status");

-- CreateIndex
CREATE INDEX "TimelineEntry_incidentId_id_idx" ON "TimelineEntry"("incidentId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "MessageLink_incidentId_platform_channelId_key" ON "MessageLink"("incidentId", "platform", "channelId");

-- CreateIndex
CREATE INDEX "ResolutionCheck_incidentId_status_idx" ON "ResolutionCheck"("incidentId", "status");

-- CreateIndex
CREATE INDEX "ResolutionCheck_status_deadline_idx" ON "ResolutionCheck"("status", "deadline");

-- CreateIndex
CREATE INDEX "ResolutionCheck_contactId_awaitingReason_idx" ON "ResolutionCheck"("contactId", "awaitingReason");

-- CreateIndex
CREATE UNIQUE INDEX "Survey_incidentId_key" ON "Survey"("incidentId");

-- CreateIndex
CREATE INDEX "Survey_contactId_id_idx" ON "Survey"("contactId", "id");

-- CreateIndex
CREATE INDEX "Survey_status_idx" ON "Survey"("status");

-- CreateIndex
CREATE INDEX "Survey_createdAt_idx" ON "Survey"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_surveyId_key" ON "Complaint"("surveyId");

-- CreateIndex
CREATE INDEX "Complaint_incidentId_idx" ON "Complaint"("incidentId");

-- CreateIndex
CREATE INDEX "Complaint_createdAt_idx" ON "Complaint"("createdAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_messageKey_idx" ON "OutboxMessage"("messageKey");

-- CreateIndex
CREATE INDEX "OutboxMessage_platform_channelId_status_id_idx" ON "OutboxMessage"("platform", "channelId", "status", "id");

-- CreateIndex
CREATE UNIQUE INDEX "SlaTimer_key_key" ON "SlaTimer"("key");

-- CreateIndex
CREATE INDEX "SlaTimer_status_dueAt_idx" ON "SlaTimer"("status", "dueAt");

-- CreateIndex
CREATE INDEX "SlaNudge_kind_at_idx" ON "SlaNudge"("kind", "at");

-- CreateIndex
CREATE UNIQUE INDEX "SlaNudge_incidentId_clock_cycle_kind_repeat_key" ON "SlaNudge"("incidentId", "clock", "cycle", "kind", "repeat");

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Incident" ADD CONSTRAINT "Incident_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TimelineEntry" ADD CONSTRAINT "TimelineEntry_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageLink" ADD CONSTRAINT "MessageLink_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
