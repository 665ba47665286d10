/** Structured logging, as the use cases need it (JSON lines in Lambda, the console locally). */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
