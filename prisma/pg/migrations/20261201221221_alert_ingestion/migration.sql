-- CreateTable
CREATE TABLE "AlertLink" (
    "key" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "fired" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "lastValue" TEXT,
    "firstAt" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,
    "notifiedAt" TIMESTAMP(3),

    CONSTRAINT "AlertLink_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AlertReceipt" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "source" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "opened" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "AlertReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertFailure" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertFailure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertSilence" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "until" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "byId" TEXT NOT NULL,
    "endedAt" TIMESTAMP(3),
    "endReason" TEXT,

    CONSTRAINT "AlertSilence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AlertLink_incidentId_idx" ON "AlertLink"("incidentId");

-- CreateIndex
CREATE INDEX "AlertReceipt_at_idx" ON "AlertReceipt"("at");

-- CreateIndex
CREATE UNIQUE INDEX "AlertFailure_incidentId_kind_key" ON "AlertFailure"("incidentId", "kind");

-- CreateIndex
CREATE INDEX "AlertSilence_incidentId_idx" ON "AlertSilence"("incidentId");
