-- CreateTable
CREATE TABLE "AlertLink" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "source" TEXT NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "fired" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "lastValue" TEXT,
    "firstAt" DATETIME NOT NULL,
    "lastAt" DATETIME NOT NULL,
    "notifiedAt" DATETIME
);

-- CreateTable
CREATE TABLE "AlertReceipt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "source" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "opened" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "AlertFailure" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AlertSilence" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "until" DATETIME NOT NULL,
    "reason" TEXT NOT NULL,
    "byId" TEXT NOT NULL,
    "endedAt" DATETIME,
    "endReason" TEXT
);

-- CreateIndex
CREATE INDEX "AlertLink_incidentId_idx" ON "AlertLink"("incidentId");

-- CreateIndex
CREATE INDEX "AlertReceipt_at_idx" ON "AlertReceipt"("at");

-- CreateIndex
CREATE UNIQUE INDEX "AlertFailure_incidentId_kind_key" ON "AlertFailure"("incidentId", "kind");

-- CreateIndex
CREATE INDEX "AlertSilence_incidentId_idx" ON "AlertSilence"("incidentId");
