import { createHash, randomBytes } from "node:crypto";

// A token is "fzt_" and 43 base64url characters (32 random bytes). Only its
// sha256 is stored. A slow password hash (bcrypt, argon2) guards secrets a
// person chose, which can be guessed from a dictionary; 256 random bits cannot
// be guessed either way, so sha256 loses nothing, and it lets every request
// find its token with one index lookup instead of a costly hash per token.

export const TOKEN_PREFIX = "fzt_";
/** How many of the token's first characters the list shows ("fzt_" and 8 more). */
export const VISIBLE_PREFIX_LENGTH = 12;
const TOKEN_SHAPE = /^fzt_[A-Za-z0-9_-]{43}$/;

export function generateToken(): { token: string; prefix: string; secretHash: string } {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, prefix: token.slice(0, VISIBLE_PREFIX_LENGTH), secretHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether a string could be a token at all: anything else is refused before the database. */
export function looksLikeToken(value: string): boolean {
  return TOKEN_SHAPE.test(value);
}
