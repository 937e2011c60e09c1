import bcrypt from "bcryptjs";

const COST = 11;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

// Compared against when the account does not exist, so both answers take as long.
const DUMMY_HASH = bcrypt.hashSync("no-such-account", COST);
export function burnPasswordCheck(plain: string): Promise<boolean> {
  return bcrypt.compare(plain, DUMMY_HASH);
}
