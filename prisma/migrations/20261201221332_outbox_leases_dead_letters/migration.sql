-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "failingSince" DATETIME;
ALTER TABLE "OutboxMessage" ADD COLUMN "leaseOwner" TEXT;

-- CreateTable
CREATE TABLE "DispatcherInstance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "host" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "heartbeatAt" DATETIME NOT NULL
);
