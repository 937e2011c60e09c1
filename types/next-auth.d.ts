// Module augmentation, not a replacement: this file must stay a module.
export {};

declare module "next-auth" {
  interface User {
    sessionId: string;
  }
  interface Session {
    user: { id: number; name: string };
    /** The server-side session row (lib/auth/sessions.ts); alone it is no credential. */
    sessionId: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId: number;
    sessionId: string;
  }
}
