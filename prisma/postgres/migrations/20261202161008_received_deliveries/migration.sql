-- CreateTable
CREATE TABLE "ReceivedDelivery" (
    "id" SERIAL NOT NULL,
    "sender" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReceivedDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReceivedDelivery_receivedAt_idx" ON "ReceivedDelivery"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReceivedDelivery_sender_deliveryId_key" ON "ReceivedDelivery"("sender", "deliveryId");

