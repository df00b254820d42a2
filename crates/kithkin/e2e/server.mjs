// Starts the real `kithkin` binary on a fresh demo database for the browser tests.
//
// KITHKIN_BIN names the binary (.ci/run passes $CARGO_TARGET_DIR/debug/kithkin); without it
// the usual target directories are tried.

import { spawn, execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = path.dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);

export function kithkinBin() {
  if (process.env.KITHKIN_BIN) return process.env.KITHKIN_BIN;
  const candidates = [
    process.env.CARGO_TARGET_DIR && path.join(process.env.CARGO_TARGET_DIR, 'debug', 'kithkin'),
    path.resolve(here, '..', '..', '..', 'target', 'debug', 'kithkin'),
  ].filter(Boolean);
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new Error(`no kithkin binary: set KITHKIN_BIN (tried ${candidates.join(', ')})`);
  }
  return found;
}

/** Creates the demo database and starts `kithkin serve --port 0` on it. */
export async function startServer() {
  const bin = kithkinBin();
  const dir = await mkdtemp(path.join(tmpdir(), 'kithkin-e2e-'));
  const db = path.join(dir, 'k.db');
  const env = { ...process.env };
  delete env.KITHKIN_NOW; // the pages and the demo both use the real clock
  await run(bin, ['--db', db, 'demo'], { env, timeout: 120_000 });

  const child = spawn(bin, ['--db', db, 'serve', '--port', '0'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d) => {
    stderr += d;
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`kithkin serve printed no URL within 30 s\nstdout: ${stdout}\nstderr: ${stderr}`)),
      30_000,
    );
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = stdout.match(/Kithkin at (http:\/\/\S+?\/)(\s|\?)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`kithkin serve exited (${code ?? signal}) before printing its URL\nstderr: ${stderr}`));
    });
  });

  // wait until it answers
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within 30 s\nstderr: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGINT');
      const timeout = new Promise((r) => setTimeout(() => r('timeout'), 10_000));
      if ((await Promise.race([exited, timeout])) === 'timeout') {
        child.kill('SIGKILL');
        await exited;
      }
    }
    await rm(dir, { recursive: true, force: true });
  }

  return { url, db, dir, bin, stop, stderr: () => stderr };
}
