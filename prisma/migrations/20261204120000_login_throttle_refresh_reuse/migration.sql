-- Issue 10: login throttling per (email, client address) and per address, shared across processes (LoginThrottle);
-- refresh tokens replaced by rotation (RetiredRefreshToken), so that reuse revokes the token family.
-- CreateTable
CREATE TABLE "RetiredRefreshToken" (
    "tokenHash" TEXT NOT NULL,
    "sessionId" UUID NOT NULL,
    "retiredAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RetiredRefreshToken_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "LoginThrottle" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "blockedUntil" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LoginThrottle_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "RetiredRefreshToken_sessionId_idx" ON "RetiredRefreshToken"("sessionId");

-- CreateIndex
CREATE INDEX "LoginThrottle_updatedAt_idx" ON "LoginThrottle"("updatedAt");

-- AddForeignKey
ALTER TABLE "RetiredRefreshToken" ADD CONSTRAINT "RetiredRefreshToken_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;


