import { ledgerGet } from "@/lib/reviews/routes.ts";

export const GET = ledgerGet;
