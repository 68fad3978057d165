// Swagger UI's "Try it out" on the five documented operations, as the browser runs it: the page's request
// interceptor (the script Swagger UI loads from the emulator) is evaluated here with the served OpenAPI document
// standing in for Swagger UI's spec store, then each operation's prefilled request (its example body and path
// parameters, the documented credentials) is sent with fetch. Every one must answer 2xx on a fresh emulator
// (the emulator is reset before each).
//
//   MFA_EMULATOR_DLL=… HUAWEI_ADMIN_TOKEN=… ZITADEL_OWNER_PAT=… node --test swagger-try-it-out.test.mjs

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startEmulator } from './emulator-process.mjs';

const DOCUMENTED_TAG = 'Start here: the five emulated operations';

let emulator;
before(async () => { emulator = await startEmulator(); });
after(() => emulator?.stop());

test('the Swagger UI page loads the try-it-out interceptor', async () => {
  const page = await (await fetch(`${emulator.rest}/swagger/index.html`)).text();
  const config = await (await fetch(`${emulator.rest}/swagger/index.js`)).text();
  assert.match(page + config, /swagger-extras\/try-it-out\.js/);
  assert.match(page + config, /mfaEmulatorTryItOut/);
});

test('each documented operation answers 2xx when sent with its prefilled example', async () => {
  const spec = await (await fetch(`${emulator.rest}/openapi/v1.json`)).json();
  const script = await (await fetch(`${emulator.rest}/swagger-extras/try-it-out.js`)).text();
  const window = {
    ui: { specSelectors: { specJson: () => ({ toJS: () => spec }) } },
    location: { href: `${emulator.rest}/swagger/index.html` },
  };
  new Function('window', script)(window);

  const documented = Object.entries(spec.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([, operation]) => (operation.tags ?? []).includes(DOCUMENTED_TAG))
      .map(([method, operation]) => ({ path, method, operation })));
  assert.equal(documented.length, 5);

  for (const { path, method, operation } of documented) {
    // Bind (v3) and enable (v5) both give the default admin a device, and a user holds one virtual MFA device, so
    // each is tried on a fresh emulator, as its own first click.
    await fetch(`${emulator.rest}/_emulator/reset`, { method: 'POST' });
    let url = path;
    for (const parameter of (operation.parameters ?? []).filter((p) => p.in === 'path')) {
      url = url.replace(`{${parameter.name}}`, encodeURIComponent(parameter.example));
    }
    // What Swagger UI hands its request interceptor after "Authorize" with the documented credentials.
    const request = {
      url: `${emulator.rest}${url}`,
      method: method.toUpperCase(),
      headers: {
        'Content-Type': 'application/json',
        'X-Auth-Token': process.env.HUAWEI_ADMIN_TOKEN,
        Authorization: `Bearer ${process.env.ZITADEL_OWNER_PAT}`,
      },
      body: JSON.stringify(operation.requestBody.content['application/json'].example),
    };
    const prepared = await window.mfaEmulatorTryItOut(request);
    const response = await fetch(prepared.url, { method: prepared.method, headers: prepared.headers, body: prepared.body });
    assert.ok(response.status >= 200 && response.status < 300,
      `${operation.operationId}: ${response.status} ${await response.text()}`);
  }
});
