-- CreateTable
CREATE TABLE "SlaState" (
    "incidentId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "severity" TEXT NOT NULL,
    "lastUpdateAt" DATETIME NOT NULL,
    "pauses" TEXT NOT NULL DEFAULT '[]',
    "postmortemAt" DATETIME,
    "postmortem" TEXT
);

-- CreateTable
CREATE TABLE "SlaTimer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "incidentId" INTEGER,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "generation" INTEGER NOT NULL DEFAULT 1,
    "leaseUntil" DATETIME
);

-- CreateTable
CREATE TABLE "SlaNudge" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "clock" TEXT NOT NULL,
    "cycle" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "repeat" INTEGER NOT NULL DEFAULT 0,
    "dueAt" DATETIME NOT NULL,
    "at" DATETIME NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "OncallRoster" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personIds" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "updatedById" TEXT
);

-- CreateIndex
CREATE UNIQUE INDEX "SlaTimer_key_key" ON "SlaTimer"("key");

-- CreateIndex
CREATE INDEX "SlaTimer_status_dueAt_idx" ON "SlaTimer"("status", "dueAt");

-- CreateIndex
CREATE INDEX "SlaNudge_kind_at_idx" ON "SlaNudge"("kind", "at");

-- CreateIndex
CREATE UNIQUE INDEX "SlaNudge_incidentId_clock_cycle_kind_repeat_key" ON "SlaNudge"("incidentId", "clock", "cycle", "kind", "repeat");
