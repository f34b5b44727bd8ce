-- CreateTable
CREATE TABLE "SeenUpdate" (
    "key" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SeenUpdate_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ChatMove" (
    "platform" TEXT NOT NULL,
    "fromId" TEXT NOT NULL,
    "toId" TEXT NOT NULL,
    "movedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatMove_pkey" PRIMARY KEY ("platform","fromId")
);

-- CreateIndex
CREATE INDEX "SeenUpdate_seenAt_idx" ON "SeenUpdate"("seenAt");

