import { noticeDocxGet } from "@/lib/reviews/routes.ts";

export const GET = noticeDocxGet;
