-- CreateIndex
CREATE INDEX "OutboxMessage_incidentId_platform_channelId_kind_status_idx" ON "OutboxMessage"("incidentId", "platform", "channelId", "kind", "status");
