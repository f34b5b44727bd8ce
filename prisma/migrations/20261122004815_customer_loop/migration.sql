-- CreateTable
CREATE TABLE "ContactInvite" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "usedBy" TEXT
);

-- CreateTable
CREATE TABLE "IdentityLink" (
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "linkedAt" DATETIME NOT NULL,

    PRIMARY KEY ("platform", "externalId")
);

-- CreateTable
CREATE TABLE "ReportDraft" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "incidentId" INTEGER,
    "severity" TEXT
);

-- CreateTable
CREATE TABLE "ResolutionCheck" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "contactId" TEXT NOT NULL,
    "askedAt" DATETIME NOT NULL,
    "deadline" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "answeredAt" DATETIME,
    "awaitingReason" BOOLEAN NOT NULL DEFAULT false,
    "reason" TEXT
);

-- CreateTable
CREATE TABLE "Survey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "contactId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "assigneeId" TEXT,
    "createdAt" DATETIME NOT NULL,
    "sendAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "sentAt" DATETIME,
    "remindedAt" DATETIME,
    "expiresAt" DATETIME,
    "score" INTEGER,
    "comment" TEXT,
    "answeredAt" DATETIME,
    "awaitingComment" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "surveyId" INTEGER NOT NULL,
    "organisationId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "reviewedAt" DATETIME,
    "reviewedById" TEXT,
    "reviewNote" TEXT
);

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
