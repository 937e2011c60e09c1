import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import type { S3Settings } from "@/lib/storage/s3-store.ts";

export type S3Emulator = { settings: S3Settings; env: Record<string, string>; close(): Promise<void> };

/**
 * An S3-protocol emulator (s3rver) in this process, on a free port of
 * 127.0.0.1, keeping its objects in a temp folder, with one empty bucket.
 * The store is checked against it only, not against a real object store.
 */
export async function startS3Emulator(bucket = "fazhi-evidence"): Promise<S3Emulator> {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "fazhi-s3rver-"));
  const server = new S3rver({ port: 0, address: "127.0.0.1", directory, silent: true, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  // s3rver accepts only its own keys.
  const settings: S3Settings = {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    region: "us-east-1",
    forcePathStyle: true,
  };
  return {
    settings,
    env: {
      STORAGE: "s3",
      S3_ENDPOINT: settings.endpoint,
      S3_BUCKET: bucket,
      S3_ACCESS_KEY_ID: settings.accessKeyId,
      S3_SECRET_ACCESS_KEY: settings.secretAccessKey,
    },
    async close() {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
