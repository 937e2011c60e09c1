/** One JSON line per event, so operators can grep and ship logs. */
export function logError(message: string, context: Record<string, unknown>, error?: unknown): void {
  const err =
    error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : error;
  console.error(JSON.stringify({ level: "error", time: new Date().toISOString(), message, ...context, error: err }));
}

export function logInfo(message: string, context: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ level: "info", time: new Date().toISOString(), message, ...context }));
}
