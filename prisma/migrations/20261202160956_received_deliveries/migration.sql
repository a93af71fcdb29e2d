-- CreateTable
CREATE TABLE "ReceivedDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sender" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ReceivedDelivery_receivedAt_idx" ON "ReceivedDelivery"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReceivedDelivery_sender_deliveryId_key" ON "ReceivedDelivery"("sender", "deliveryId");

