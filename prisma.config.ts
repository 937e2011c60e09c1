import { defineConfig } from "prisma/config";

// The CLI reads the URL only for `migrate deploy` where the schema engine exists;
// this project applies migrations itself (lib/db/migrate.ts).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/fazhi" },
});
