-- CreateTable
CREATE TABLE "InboxEvent" (
    "seq" SERIAL NOT NULL,
    "eventId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "replyTo" TEXT NOT NULL,
    "owner" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboxEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "InboxEvent_eventId_key" ON "InboxEvent"("eventId");

-- CreateIndex
CREATE INDEX "InboxEvent_owner_idx" ON "InboxEvent"("owner");
