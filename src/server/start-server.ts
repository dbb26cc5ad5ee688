/**
 * @module server/start-server
 * Starts a Lynkr server in-process (used by main.ts and by tests).
 * PLACEHOLDER: the real implementation is being written; the signature is final.
 */
export interface StartServerOptions {
  /** Environment to read configuration from (defaults to process.env merged with .env). */
  env?: Record<string, string | undefined>;
  /** Overrides PORT; 0 picks a free port. */
  port?: number;
  host?: string;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:53211 */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startServer(_options: StartServerOptions = {}): Promise<RunningServer> {
  throw new Error('startServer: not implemented yet');
}
