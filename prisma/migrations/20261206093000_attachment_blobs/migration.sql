-- Evidence file contents stored in the database (STORAGE=database,
-- lib/storage/database-store.ts), so every app server reads the same files and
-- a database backup holds them. Content-addressed and shared by all districts:
-- not district tables (no districtId).

-- CreateTable
CREATE TABLE "AttachmentBlob" (
    "hash" CHAR(64) NOT NULL,
    "size" INTEGER NOT NULL,
    "storedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AttachmentBlob_pkey" PRIMARY KEY ("hash")
);

-- CreateTable
CREATE TABLE "AttachmentChunk" (
    "hash" CHAR(64) NOT NULL,
    "index" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "AttachmentChunk_pkey" PRIMARY KEY ("hash","index")
);

-- Already compressed (PDF, JPEG, PNG, Office zip): TOAST's compression would only cost time.
ALTER TABLE "AttachmentChunk" ALTER COLUMN "bytes" SET STORAGE EXTERNAL;

-- AddForeignKey
ALTER TABLE "AttachmentChunk" ADD CONSTRAINT "AttachmentChunk_hash_fkey" FOREIGN KEY ("hash") REFERENCES "AttachmentBlob"("hash") ON DELETE CASCADE ON UPDATE CASCADE;
