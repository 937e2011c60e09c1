-- CreateEnum
CREATE TYPE "SignInEventKind" AS ENUM ('SUCCESS', 'FAILURE', 'LOCKOUT', 'LOCKED', 'RATE_LIMITED', 'SIGN_OUT');

-- CreateTable
CREATE TABLE "SignInAddressThrottle" (
    "address" VARCHAR(45) NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SignInAddressThrottle_pkey" PRIMARY KEY ("address")
);

-- CreateTable
CREATE TABLE "SignInEvent" (
    "id" BIGSERIAL NOT NULL,
    "kind" "SignInEventKind" NOT NULL,
    "login" VARCHAR(50) NOT NULL,
    "userId" INTEGER,
    "address" VARCHAR(45),
    "userAgent" VARCHAR(300),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SignInEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SignInEvent_createdAt_idx" ON "SignInEvent"("createdAt");

-- CreateIndex
CREATE INDEX "SignInEvent_userId_createdAt_idx" ON "SignInEvent"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "SignInEvent_login_createdAt_idx" ON "SignInEvent"("login", "createdAt");

-- CreateIndex
CREATE INDEX "SignInEvent_address_createdAt_idx" ON "SignInEvent"("address", "createdAt");

-- AddForeignKey
ALTER TABLE "SignInEvent" ADD CONSTRAINT "SignInEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Hand-written: sign-in events are audit records, append-only like "AuditEvent"
-- (TRUNCATE fires no row trigger, so tests can still empty the table).
CREATE FUNCTION "sign_in_event_append_only"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'SignInEvent is append-only: % is not allowed', TG_OP;
END;
$$;

CREATE TRIGGER "SignInEvent_append_only"
    BEFORE UPDATE OR DELETE ON "SignInEvent"
    FOR EACH ROW EXECUTE FUNCTION "sign_in_event_append_only"();
