-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN "messageKey" TEXT;

-- CreateIndex
CREATE INDEX "OutboxMessage_messageKey_idx" ON "OutboxMessage"("messageKey");
