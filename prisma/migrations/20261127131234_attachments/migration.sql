-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "submissionKey" TEXT;

-- CreateTable
CREATE TABLE "StoredFile" (
    "sha256" TEXT NOT NULL PRIMARY KEY,
    "size" INTEGER NOT NULL,
    "contentType" TEXT NOT NULL,
    "derived" TEXT NOT NULL DEFAULT 'pending',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseId" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "action" TEXT NOT NULL,
    "auditEventId" INTEGER,
    "kind" TEXT NOT NULL,
    "caption" TEXT NOT NULL DEFAULT '',
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "confidential" BOOLEAN NOT NULL DEFAULT false,
    "uploadedById" INTEGER NOT NULL,
    "uploadedAt" DATETIME NOT NULL,
    "withdrawnAt" DATETIME,
    "withdrawnById" INTEGER,
    "withdrawReason" TEXT,
    CONSTRAINT "Attachment_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Attachment_auditEventId_fkey" FOREIGN KEY ("auditEventId") REFERENCES "AuditEvent" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Attachment_sha256_fkey" FOREIGN KEY ("sha256") REFERENCES "StoredFile" ("sha256") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Attachment_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Attachment_withdrawnById_fkey" FOREIGN KEY ("withdrawnById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Attachment_caseId_id_idx" ON "Attachment"("caseId", "id");

-- CreateIndex
CREATE INDEX "Attachment_sha256_idx" ON "Attachment"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_submissionKey_key" ON "AuditEvent"("submissionKey");


-- Hand-written: nothing is ever erased; an attachment is withdrawn (hidden, audited), never deleted
-- (docs/domain.md, "Attachments"), and the file behind it stays.
CREATE TRIGGER "Attachment_no_delete" BEFORE DELETE ON "Attachment"
BEGIN SELECT RAISE(ABORT, 'attachments are never deleted; withdraw them instead'); END;
CREATE TRIGGER "StoredFile_no_delete" BEFORE DELETE ON "StoredFile"
BEGIN SELECT RAISE(ABORT, 'stored files are never deleted'); END;
