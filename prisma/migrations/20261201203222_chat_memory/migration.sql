-- CreateTable
CREATE TABLE "SeenUpdate" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "seenAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ChatMove" (
    "platform" TEXT NOT NULL,
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "movedAt" DATETIME NOT NULL,

    PRIMARY KEY ("platform", "fromId")
);

-- CreateIndex
CREATE INDEX "SeenUpdate_seenAt_idx" ON "SeenUpdate"("seenAt");
