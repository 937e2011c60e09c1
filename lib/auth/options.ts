import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { verifyLogin } from "@/lib/auth/login.ts";
import { loadActor } from "@/lib/auth/actor.ts";
import { logError } from "@/lib/log.ts";
import { loginSchema } from "@/lib/auth/schema.ts";
import { onSignOut } from "@/lib/auth/sign-out.ts";
import { sessionLimits, startSession } from "@/lib/auth/sessions.ts";
import { signInClientOf } from "@/lib/auth/client-address.ts";
import { safeRedirectTarget } from "@/lib/auth/redirect.ts";
import { parseEnv } from "@/lib/env.ts";

const secure = (process.env.AUTH_URL ?? process.env.NEXTAUTH_URL ?? "").startsWith("https://");

/** The app's public origin; only the origin matters for checking redirect targets. */
export function appOrigin(): string {
  return process.env.AUTH_URL ?? process.env.NEXTAUTH_URL ?? "http://localhost";
}

export const authOptions: NextAuthOptions = {
  secret: process.env.AUTH_SECRET,
  useSecureCookies: secure,
  // The cookie only names a server-side session (lib/auth/sessions.ts), which
  // decides; its own lifetime is the absolute limit, so it never outlives it.
  session: { strategy: "jwt", maxAge: sessionLimits().maxHours * 60 * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "账号密码",
      credentials: { login: { label: "账号", type: "text" }, password: { label: "密码", type: "password" } },
      async authorize(credentials, req) {
        const parsed = loginSchema.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const client = signInClientOf(req?.headers, parseEnv().TRUST_PROXY);
        let result;
        try {
          result = await verifyLogin(parsed.data.login, parsed.data.password, new Date(), client);
        } catch (error) {
          logError("sign-in failed unexpectedly", { login: parsed.data.login }, error);
          throw new Error("UNAVAILABLE");
        }
        // next-auth passes a thrown message to the login page as `error`.
        if (!result.ok) throw new Error(result.reason);
        const actor = await loadActor(result.userId);
        if (!actor) throw new Error("INVALID_CREDENTIALS");
        const sessionId = await startSession(actor.id, { ip: client.address, userAgent: client.userAgent });
        return { id: String(actor.id), name: actor.name, sessionId };
      },
    }),
  ],
  callbacks: {
    redirect: ({ url, baseUrl }) => `${baseUrl.replace(/\/$/, "")}${safeRedirectTarget(url, baseUrl)}`,
    jwt({ token, user }) {
      if (user) {
        token.userId = Number(user.id);
        token.sessionId = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      session.user = { id: token.userId, name: token.name ?? "" };
      session.sessionId = token.sessionId;
      return session;
    },
  },
  events: {
    signOut: onSignOut,
  },
};
