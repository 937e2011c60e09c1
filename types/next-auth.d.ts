import type { Role } from "@/lib/generated/prisma/enums.ts";

declare module "next-auth" {
  interface User {
    role: Role;
    regionId: number | null;
    unitId: number | null;
  }
  interface Session {
    user: { id: number; name: string; role: Role; regionId: number | null; unitId: number | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId: number;
    role: Role;
    regionId: number | null;
    unitId: number | null;
  }
}
