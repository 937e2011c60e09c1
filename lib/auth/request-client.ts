import { headers } from "next/headers";
import { parseEnv } from "@/lib/env.ts";
import { signInClientOf } from "@/lib/auth/client-address.ts";
import type { SignInClient } from "@/lib/auth/sign-in-events.ts";

/** The current request's client address and browser; nothing when called outside a request (jobs, tests). */
export async function requestClient(): Promise<SignInClient> {
  let requestHeaders: Headers;
  try {
    requestHeaders = new Headers(await headers());
  } catch {
    return {};
  }
  return signInClientOf(requestHeaders, parseEnv().TRUST_PROXY);
}
