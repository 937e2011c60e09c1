-- AlterTable
ALTER TABLE "User" ADD COLUMN     "email" VARCHAR(100);
