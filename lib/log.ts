import pino, { type DestinationStream, type Logger } from "pino";
import { currentRequestId } from "@/lib/request-context.ts";

// One JSON line per event (pino), so operators can grep and ship logs. Lines
// written while answering a request carry its `requestId` (lib/request-context.ts).
// Field names as before pino: `level` as a word, `time` ISO 8601, `message`.

export function createLogger(destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    base: undefined,
    messageKey: "message",
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

const KEY = Symbol.for("fazhi.logger");
const holder = globalThis as unknown as { [KEY]?: Logger };

/** One logger per process, kept across Next's bundles and hot reloads. */
export function logger(): Logger {
  return (holder[KEY] ??= createLogger());
}

function errorFields(error: unknown): unknown {
  return error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : error;
}

export function logError(message: string, context: Record<string, unknown>, error?: unknown): void {
  logger().error(error === undefined ? context : { ...context, error: errorFields(error) }, message);
}

export function logInfo(message: string, context: Record<string, unknown> = {}): void {
  logger().info(context, message);
}
