import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  assertPortFree,
  captureOutput,
  exitOf,
  stopChild,
  trackChild,
  waitForPort,
  type RunningEmulator,
} from './emulators.js';

/**
 * maildev (an SMTP catcher with a web view) as a child process of `npm start`, supervised like the emulators: the
 * notification e-mails of the local stack land here. Mail is kept under the data directory, so it survives restarts.
 */
export interface MailDevProcess extends RunningEmulator {
  smtpPort: number;
  /** The web view (and its REST API, `GET /api/email`). */
  webUrl: string;
}

/** maildev's CLI, next to its main module (its package exports neither the CLI nor package.json). */
const maildevBin = (): string => join(dirname(fileURLToPath(import.meta.resolve('maildev'))), 'bin/maildev.js');

export const startMailDev = async (options: {
  smtpPort: number;
  webPort: number;
  mailDirectory: string;
  onSpawn?: (pid: number) => void;
}): Promise<MailDevProcess> => {
  await Promise.all([assertPortFree(options.smtpPort, 'maildev SMTP'), assertPortFree(options.webPort, 'maildev web')]);
  const child = spawn(
    process.execPath,
    [
      maildevBin(),
      '--smtp',
      String(options.smtpPort),
      '--ip',
      '127.0.0.1',
      '--web',
      String(options.webPort),
      '--web-ip',
      '127.0.0.1',
      '--mail-directory',
      options.mailDirectory,
      '--silent',
    ],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = captureOutput(child);
  const pid = trackChild(child);
  options.onSpawn?.(pid);
  child.once('error', () => undefined);
  try {
    await waitForPort(child, options.smtpPort, 'maildev', output);
    await waitForPort(child, options.webPort, 'maildev', output);
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  const webUrl = `http://127.0.0.1:${options.webPort}`;
  return {
    endpoint: webUrl,
    webUrl,
    port: options.webPort,
    smtpPort: options.smtpPort,
    pid,
    exited: exitOf(child),
    stop: () => stopChild(child),
  };
};
