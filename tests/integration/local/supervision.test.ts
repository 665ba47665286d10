import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EMULATORS_PID_FILE, findFreePort } from '../../../functions/local/emulators.js';
import { startLocalStack, type LocalStack } from '../../e2e/support/local-stack.js';

/**
 * The supervised local stack (issue 9 §5): pids recorded at spawn, a leftover emulator from a killed start stopped
 * before a new one starts, a dead emulator restarted while `npm start` runs, and Ctrl-C still stopping everything.
 */

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dirs: string[] = [];
const stacks: LocalStack[] = [];

afterAll(async () => {
  for (const stack of stacks) await stack.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const newDataDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'newsroom-supervision-'));
  dirs.push(dir);
  return dir;
};

/** Live processes whose command line contains every marker. */
const processesWith = (...markers: string[]): number[] =>
  readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
        return state !== 'Z' && markers.every((m) => cmd.includes(m)) ? [Number(pid)] : [];
      } catch {
        return [];
      }
    });

const dynamoDbLocals = (dataDir: string): number[] => processesWith('DynamoDBLocal.jar', dataDir);

const pidFileSchema = z.array(z.object({ name: z.string(), pid: z.number() }));
const recordedPid = (dataDir: string, name: string): number | undefined => {
  try {
    const entries = pidFileSchema.parse(JSON.parse(readFileSync(join(dataDir, EMULATORS_PID_FILE), 'utf8')));
    return entries.find((e) => e.name === name)?.pid;
  } catch {
    return undefined;
  }
};

const waitFor = async <T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 30_000) => {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

const isAlive = (pid: number): boolean => processesWith('').includes(pid);

describe('a supervised local stack', () => {
  it(
    'a start killed during start-up leaves a DynamoDB Local that the next start stops: one Java per data directory',
    { timeout: 180_000 },
    async () => {
      const dataDir = newDataDir();
      const child = spawn('npx', ['tsx', 'functions/local/start.ts'], {
        cwd: ROOT,
        detached: true,
        stdio: 'ignore',
        env: { ...process.env, PORT: String(await findFreePort()), NEWSROOM_DATA_DIR: dataDir },
      });
      // Killed the moment Java exists, long before it answers: the moment the old code had recorded nothing.
      const orphan = await waitFor('DynamoDB Local to be spawned', () => recordedPid(dataDir, 'DynamoDB Local'));
      process.kill(-(child.pid ?? 0), 'SIGKILL');
      await new Promise((r) => child.once('exit', r));
      expect(isAlive(orphan)).toBe(true);

      const stack = await startLocalStack({ dataDir });
      stacks.push(stack);

      expect(stack.output()).toContain(`Stopped DynamoDB Local (pid ${orphan}), left running by an earlier start`);
      expect(isAlive(orphan)).toBe(false);
      expect(dynamoDbLocals(dataDir)).toEqual([recordedPid(dataDir, 'DynamoDB Local')]);
    },
  );

  it(
    'kill -9 of a running start, then a start on the same data: one DynamoDB Local, and the data is kept',
    { timeout: 180_000 },
    async () => {
      const dataDir = newDataDir();
      const first = await startLocalStack({ dataDir });
      stacks.push(first);
      const firstJava = recordedPid(dataDir, 'DynamoDB Local');
      await first.kill();
      expect(dynamoDbLocals(dataDir)).toEqual([firstJava]);

      const second = await startLocalStack({ dataDir });
      stacks.push(second);

      expect(second.output()).toContain('nothing new (drafts already loaded)');
      const java = dynamoDbLocals(dataDir);
      expect(java).toHaveLength(1);
      expect(java).not.toContain(firstJava);
    },
  );

  it(
    'restarts s3rver when it dies, says so in one line, and pages answer again; Ctrl-C then stops everything',
    { timeout: 120_000 },
    async () => {
      const dataDir = newDataDir();
      const stack = await startLocalStack({ dataDir });
      stacks.push(stack);
      const s3rver = await waitFor('s3rver pid', () => recordedPid(dataDir, 's3rver'));

      process.kill(-s3rver, 'SIGKILL');
      const restarted = await waitFor('a new s3rver pid', () => {
        const pid = recordedPid(dataDir, 's3rver');
        return pid !== undefined && pid !== s3rver && isAlive(pid) ? pid : undefined;
      });
      // Never requested before, so the local CDN must ask the new s3rver for it.
      const sitemap = await waitFor('the sitemap to answer', async () => {
        const res = await fetch(`${stack.baseUrl}/sitemap.xml`);
        return res.status === 200 ? res : undefined;
      });

      expect(await sitemap.text()).toContain('<sitemapindex');
      expect(stack.output()).toMatch(/^s3rver stopped unexpectedly \(killed by SIGKILL\); restarting it in .+ s$/m);
      expect(processesWith('s3rver-process', dataDir)).toEqual([restarted]);

      await stack.stop();
      expect(processesWith(dataDir)).toEqual([]);
      expect(existsSync(join(dataDir, EMULATORS_PID_FILE))).toBe(false);
    },
  );

  it('restarts DynamoDB Local when it dies, and the API answers again', { timeout: 120_000 }, async () => {
    const dataDir = newDataDir();
    const stack = await startLocalStack({ dataDir });
    stacks.push(stack);
    const java = await waitFor('DynamoDB Local pid', () => recordedPid(dataDir, 'DynamoDB Local'));

    process.kill(-java, 'SIGKILL');
    await waitFor('DynamoDB Local to be restarted', () => {
      const pid = recordedPid(dataDir, 'DynamoDB Local');
      return pid !== undefined && pid !== java ? pid : undefined;
    });
    const token = await waitFor('the API to answer', async () => {
      const res = await fetch(`${stack.baseUrl}/api/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sub: 'demo-reporter', name: 'Анна Смирнова', groups: ['reporters'] }),
      });
      return res.status === 200 ? z.object({ token: z.string() }).parse(await res.json()).token : undefined;
    });
    // A SIGKILLed DynamoDB Local may roll back its last writes (SQLite journal), so the check is a new write and
    // its read-back through the restarted emulator, not the data from before the kill.
    const created = await waitFor('a draft to be created', async () => {
      const res = await fetch(`${stack.baseUrl}/api/articles`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ desk: 'politics', body: '# Перезапуск\n\nЭмулятор вернулся.' }),
      });
      return res.status === 201 ? z.object({ id: z.string() }).parse(await res.json()).id : undefined;
    });
    const read = await fetch(`${stack.baseUrl}/api/articles/${created}`, {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(read.status).toBe(200);
    expect(stack.output()).toMatch(/^DynamoDB Local stopped unexpectedly \(killed by SIGKILL\); restarting/m);
    expect(dynamoDbLocals(dataDir)).toHaveLength(1);
  });
});
