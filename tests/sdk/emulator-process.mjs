// Starts the built MfaEmulator (MFA_EMULATOR_DLL) as a child process for the official-SDK tests and stops it
// again: on stop(), and whenever the test process itself goes away (normal exit, an uncaught failure, Ctrl+C,
// the runner's SIGTERM).
//
//   const emulator = await startEmulator({ strict: true });
//   emulator.rest   // 'http://127.0.0.1:PORT'   HTTP/1.1: REST, control routes, gRPC-web, Swagger UI
//   emulator.grpc   // 'http://127.0.0.1:PORT2'  native gRPC (h2c)
//   emulator.output // every stdout/stderr line so far
//   emulator.stop()

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const STARTUP_TIMEOUT_MS = 60_000;
const KILL_AFTER_MS = 5_000;

// "MfaEmulator listening on http://127.0.0.1:PORT (native gRPC: http://127.0.0.1:PORT2)"; the first URL is the
// main (REST) one, the native gRPC part is absent when the emulator runs without a gRPC endpoint.
const ANNOUNCEMENT = /MfaEmulator listening on (http:\/\/\S+)(?: \(native gRPC: (http:\/\/[^\s)]+))?/;

/** @type {Set<import('node:child_process').ChildProcess>} */
const running = new Set();

function kill(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  setTimeout(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }, KILL_AFTER_MS).unref();
}

let hooked = false;
function hookProcessExit() {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const child of running) kill(child);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      for (const child of running) kill(child);
      process.exit(130);
    });
  }
}

const trimSlash = (url) => url.replace(/\/$/, '');

/**
 * Spawns `dotnet $MFA_EMULATOR_DLL --urls http://127.0.0.1:0 --grpc-urls http://127.0.0.1:0 [--strict]` and
 * resolves once it has announced the ports it bound.
 * @param {{ strict?: boolean }} [options]
 * @returns {Promise<{ rest: string, grpc: string | undefined, output: string[], stop: () => void }>}
 */
export function startEmulator({ strict = false } = {}) {
  const dll = process.env.MFA_EMULATOR_DLL;
  if (!dll) {
    return Promise.reject(new Error(
      'MFA_EMULATOR_DLL is not set: point it at a built MfaEmulator.dll, e.g. '
        + 'MFA_EMULATOR_DLL=src/MfaEmulator/bin/Release/net10.0/MfaEmulator.dll node --test tests/sdk/',
    ));
  }
  hookProcessExit();
  const args = [dll, '--urls', 'http://127.0.0.1:0', '--grpc-urls', 'http://127.0.0.1:0'];
  if (strict) args.push('--strict');
  const output = [];
  const child = spawn('dotnet', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const stop = () => kill(child);
  child.on('exit', () => running.delete(child));

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop();
      reject(error);
    };
    const timer = setTimeout(() => {
      fail(new Error(`the emulator did not announce its address within ${STARTUP_TIMEOUT_MS} ms:\n${output.join('\n')}`));
    }, STARTUP_TIMEOUT_MS);
    createInterface({ input: child.stdout }).on('line', (line) => {
      output.push(line);
      const match = settled ? null : ANNOUNCEMENT.exec(line);
      if (match) {
        settled = true;
        clearTimeout(timer);
        resolve({ rest: trimSlash(match[1]), grpc: match[2] && trimSlash(match[2]), output, stop });
      }
    });
    createInterface({ input: child.stderr }).on('line', (line) => output.push(line));
    child.on('error', (error) => fail(new Error(`could not start dotnet ${dll}: ${error.message}`)));
    child.on('exit', (code, signal) => {
      fail(new Error(`the emulator exited (code ${code}, signal ${signal}) before announcing its address:\n${output.join('\n')}`));
    });
  });
}
