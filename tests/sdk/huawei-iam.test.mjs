// The official Huawei Cloud Node.js SDK (@huaweicloud/huaweicloud-sdk-iam, pinned in package.json) against
// MfaEmulator in strict mode, where every AK/SK signature is really verified.
//
// Run from the repository root:
//   (cd tests/sdk && npm ci)
//   MFA_EMULATOR_DLL=/path/to/MfaEmulator.dll node --test tests/sdk/
//
// Only the control routes (/_emulator/...) are called with fetch; every cloud API call goes through the SDK.

import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core';

import { startEmulator } from './emulator-process.mjs';

const require = createRequire(import.meta.url);

// @huaweicloud/huaweicloud-sdk-iam@3.1.172 cannot be loaded by its main entry: v5/public-api.js requires
// "./GlobalCredentials,BasicCredentials", a file the package does not ship (MODULE_NOT_FOUND), and the main
// entry loads v5/public-api.js. So v3 comes from v3/public-api.js (intact) and the v5 namespace is put
// together the way v5/public-api.js would, from v5/IamClient.js and every v5/model/*.js, minus that line.
const v3 = require('@huaweicloud/huaweicloud-sdk-iam/v3/public-api');
const v5 = (() => {
  const v5Dir = dirname(require.resolve('@huaweicloud/huaweicloud-sdk-iam/v5/IamClient'));
  const namespace = { ...require(join(v5Dir, 'IamClient.js')) };
  for (const file of readdirSync(join(v5Dir, 'model')).filter((f) => f.endsWith('.js')).sort()) {
    Object.assign(namespace, require(join(v5Dir, 'model', file)));
  }
  return namespace;
})();

/** @type {Awaited<ReturnType<typeof startEmulator>> | undefined} */
let emulator;
/** @type {string} */
let address;

// ---------- control routes (plain HTTP) ----------

async function control(method, path, body) {
  const response = await fetch(`${address}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function createUser(body) {
  const { status, body: created } = await control('POST', '/_emulator/huawei/users', body);
  assert.equal(status, 201, `creating user ${body.name}: ${JSON.stringify(created)}`);
  for (const key of ['user_id', 'domain_id', 'domain_name', 'name', 'password', 'access_key', 'secret_key', 'token']) {
    assert.equal(typeof created[key], 'string', `control route's created user has ${key}`);
  }
  return created;
}

async function codes(serialNumber) {
  const { status, body } = await control('GET', `/_emulator/mfa-devices/codes?serial_number=${encodeURIComponent(serialNumber)}`);
  assert.equal(status, 200, JSON.stringify(body));
  for (const key of ['previous', 'current', 'next']) assert.match(body[key], /^\d{6}$/);
  return body;
}

async function advanceClock(seconds) {
  const { status, body } = await control('POST', '/_emulator/clock/advance', { seconds });
  assert.ok(status >= 200 && status < 300, `advancing the clock: ${status} ${JSON.stringify(body)}`);
}

/** A six-digit code that is none of the device's previous, current or next codes. */
function wrongCode(c) {
  for (let n = Number(c.current) + 500_000; ; n += 1) {
    const candidate = String(n % 1_000_000).padStart(6, '0');
    if (![c.previous, c.current, c.next].includes(candidate)) return candidate;
  }
}

// ---------- SDK clients ----------

function credentials(user, sk = user.secret_key) {
  return new GlobalCredentials().withAk(user.access_key).withSk(sk).withDomainId(user.domain_id);
}

function v3Client(user, sk) {
  return v3.IamClient.newBuilder().withCredential(credentials(user, sk)).withEndpoint(address).build();
}

function v5Client(user, sk) {
  return v5.IamClient.newBuilder().withCredential(credentials(user, sk)).withEndpoint(address).build();
}

/** Runs an SDK call that must fail and returns the SDK's exception. */
async function sdkError(promise) {
  try {
    const response = await promise;
    assert.fail(`expected the SDK call to fail, it returned ${JSON.stringify(response)}`);
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    return error;
  }
}

/** The emulator's journal entry for the newest call under a path (control routes are not journaled). */
async function lastJournaled(pathPrefix) {
  const { status, body } = await control('GET', `/_emulator/requests?limit=1&path_prefix=${encodeURIComponent(pathPrefix)}`);
  assert.equal(status, 200, JSON.stringify(body));
  assert.equal(body.requests.length, 1, `a journaled request under ${pathPrefix}`);
  return body.requests[0];
}

/**
 * The SDK exception carries the emulator's status, error code and message, and the request id the emulator
 * sent as X-Request-Id (checked against the emulator's own journal entry for the call).
 */
async function assertSdkError(error, { status, code, message, path }) {
  assert.equal(error.httpStatusCode, status, `status of ${JSON.stringify(error)}`);
  assert.equal(error.errorCode, code, `errorCode of ${JSON.stringify(error)}`);
  assert.equal(typeof error.errorMsg, 'string');
  if (message) assert.match(error.errorMsg, message);
  assert.match(error.requestId ?? '', /^[0-9a-f-]{16,}$/i, `the SDK exception has a requestId: ${JSON.stringify(error)}`);
  const journaled = await lastJournaled(path);
  assert.equal(journaled.status, status);
  assert.equal(error.requestId, journaled.request_id, 'the SDK exception\'s requestId is the X-Request-Id the emulator sent');
}

// ---------- the scenario ----------

describe('official Huawei Cloud Node.js SDK against MfaEmulator --strict', () => {
  let admin;
  let user;
  let adminV3;
  let userV3;
  let adminV5;
  let userSerial;

  before(async () => {
    emulator = await startEmulator({ strict: true });
    address = emulator.rest;
    admin = await createUser({ name: 'sdk-admin', admin: true });
    user = await createUser({ name: 'sdk-user', domain_id: admin.domain_id });
    assert.equal(user.domain_id, admin.domain_id);
    adminV3 = v3Client(admin);
    userV3 = v3Client(user);
    adminV5 = v5Client(admin);
  });

  after(() => emulator?.stop());

  test('a client signing with a wrong SK is refused with APIGW.0301 / 401', async () => {
    const wrong = v3Client(admin, `${admin.secret_key.slice(0, -1)}${admin.secret_key.endsWith('x') ? 'y' : 'x'}`);
    const error = await sdkError(wrong.listUserLoginProtects(new v3.ListUserLoginProtectsRequest()));
    await assertSdkError(error, { status: 401, code: 'APIGW.0301', message: /verify aksk signature fail/, path: '/v3.0/OS-USER/login-protects' });

    const wrongV5 = v5Client(admin, 'not-the-secret-key');
    const errorV5 = await sdkError(wrongV5.listMfaDevicesV5(new v5.ListMfaDevicesV5Request().withUserId(admin.user_id)));
    await assertSdkError(errorV5, { status: 401, code: 'APIGW.0301', message: /verify aksk signature fail/, path: '/v5/mfa-devices' });

    // An access key the emulator never issued.
    const unknown = v3Client({ ...admin, access_key: 'UNKNOWNACCESSKEY0000' });
    const errorUnknown = await sdkError(unknown.listUserLoginProtects(new v3.ListUserLoginProtectsRequest()));
    await assertSdkError(errorUnknown, { status: 401, code: 'APIGW.0301', path: '/v3.0/OS-USER/login-protects' });
  });

  test('v3 self-service: the IAM user creates, binds and shows its virtual MFA device', async () => {
    const created = await userV3.createMfaDevice(new v3.CreateMfaDeviceRequest().withBody(
      new v3.CreateMfaDeviceReq().withVirtualMfaDevice(new v3.CreateMfaDevice().withName('sdk-user-phone').withUserId(user.user_id)),
    ));
    assert.equal(created.httpStatusCode, 201);
    const device = created.virtual_mfa_device;
    assert.equal(typeof device.serial_number, 'string');
    assert.match(device.base32_string_seed, /^[A-Z2-7]+=*$/);
    userSerial = device.serial_number;

    const c = await codes(userSerial);
    const bind = () => userV3.createBindingDevice(new v3.CreateBindingDeviceRequest().withBody(
      new v3.BindMfaDevice().withUserId(user.user_id).withSerialNumber(userSerial)
        .withAuthenticationCodeFirst(c.previous).withAuthenticationCodeSecond(c.current),
    ));
    const bound = await bind();
    assert.equal(bound.httpStatusCode, 204);

    const shown = await userV3.showUserMfaDevice(new v3.ShowUserMfaDeviceRequest().withUserId(user.user_id));
    assert.equal(shown.httpStatusCode, 200);
    assert.deepEqual(
      { serial_number: shown.virtual_mfa_device.serial_number, user_id: shown.virtual_mfa_device.user_id },
      { serial_number: userSerial, user_id: user.user_id },
    );

    // Binding again: the device is already bound.
    const error = await sdkError(bind());
    await assertSdkError(error, { status: 409, code: 'IAM.0005', path: '/v3.0/OS-MFA/mfa-devices/bind' });
  });

  test('v3 admin: login protection by virtual MFA, shown and listed', async () => {
    assert.ok(userSerial, 'needs the bound device of the previous test');
    const updated = await adminV3.updateLoginProtect(new v3.UpdateLoginProtectRequest().withUserId(user.user_id).withBody(
      new v3.UpdateLoginProjectReq().withLoginProtect(new v3.UpdateLoginProject().withEnabled(true).withVerificationMethod('vmfa')),
    ));
    assert.equal(updated.httpStatusCode, 200);

    const shown = await adminV3.showUserLoginProtect(new v3.ShowUserLoginProtectRequest().withUserId(user.user_id));
    assert.equal(shown.httpStatusCode, 200);
    assert.deepEqual(shown.login_protect, { enabled: true, user_id: user.user_id, verification_method: 'vmfa' });

    const listed = await adminV3.listUserLoginProtects(new v3.ListUserLoginProtectsRequest());
    assert.equal(listed.httpStatusCode, 200);
    assert.ok(Array.isArray(listed.login_protects));
    assert.deepEqual(
      listed.login_protects.find((p) => p.user_id === user.user_id),
      { enabled: true, user_id: user.user_id, verification_method: 'vmfa' },
    );
  });

  test('keystone: a token by password and TOTP, X-Subject-Token exposed by the SDK', async () => {
    assert.ok(userSerial, 'needs the bound device');
    const tokenRequest = (passcode) => new v3.KeystoneCreateUserTokenByPasswordAndMfaRequest().withBody(
      new v3.KeystoneCreateUserTokenByPasswordAndMfaRequestBody().withAuth(
        new v3.MfaAuth()
          .withIdentity(new v3.MfaIdentity()
            // v3.MfaIdentityMethodsEnum.TOTP is " totp" (leading space) in the SDK itself, so the plain string.
            .withMethods(['password', 'totp'])
            .withPassword(new v3.PwdPassword().withUser(
              new v3.PwdPasswordUser().withName(user.name).withPassword(user.password)
                .withDomain(new v3.PwdPasswordUserDomain().withName(admin.domain_name)),
            ))
            .withTotp(new v3.MfaTotp().withUser(new v3.MfaTotpUser().withId(user.user_id).withPasscode(passcode))))
          .withScope(new v3.AuthScope().withDomain(new v3.AuthScopeDomain().withName(admin.domain_name))),
      ),
    );
    await advanceClock(30);
    const c = await codes(userSerial);

    // A wrong passcode: Keystone's {"error":{"code":401,...}} envelope, which the SDK maps to errorCode 401.
    const refused = await sdkError(adminV3.keystoneCreateUserTokenByPasswordAndMfa(tokenRequest(wrongCode(c))));
    assert.equal(refused.httpStatusCode, 401);
    assert.equal(refused.errorCode, 401);
    assert.match(refused.errorMsg, /TOTP passcode/);
    assert.equal(refused.requestId, (await lastJournaled('/v3/auth/tokens')).request_id);

    const response = await adminV3.keystoneCreateUserTokenByPasswordAndMfa(tokenRequest(c.current));
    assert.equal(response.httpStatusCode, 201);
    // The SDK copies the response header into the body object under its header name.
    const subjectToken = response['X-Subject-Token'];
    assert.equal(typeof subjectToken, 'string');
    assert.ok(subjectToken.length > 20, subjectToken);
    assert.equal(response.token.user.id, user.user_id);
    assert.equal(response.token.user.name, user.name);
    assert.deepEqual([...response.token.methods].sort(), ['password', 'totp']);
    assert.equal(typeof response.token.expires_at, 'string');

    // The subject token is a real token of the emulator's: strict mode accepts it as X-Auth-Token.
    const check = await fetch(`${address}/v3.0/OS-MFA/users/${user.user_id}/virtual-mfa-device`, {
      headers: { 'X-Auth-Token': subjectToken },
    });
    assert.equal(check.status, 200, await check.clone().text());
    assert.equal((await check.json()).virtual_mfa_device.serial_number, userSerial);
  });

  test('v5: the admin creates, enables, lists, disables and deletes its own virtual MFA device', async () => {
    const created = await adminV5.createVirtualMfaDeviceV5(new v5.CreateVirtualMfaDeviceV5Request().withBody(
      new v5.CreateVirtualMfaDeviceReqBody().withVirtualMfaDeviceName('sdk-admin-phone').withUserId(admin.user_id),
    ));
    assert.equal(created.httpStatusCode, 201);
    const serial = created.virtual_mfa_device.serial_number;
    assert.equal(typeof serial, 'string');
    assert.match(created.virtual_mfa_device.base32_string_seed, /^[A-Z2-7]+=*$/);

    const c = await codes(serial);
    const enable = (first, second) => adminV5.enableMfaDeviceV5(new v5.EnableMfaDeviceV5Request().withBody(
      new v5.EnableMfaDeviceReqBody().withUserId(admin.user_id).withSerialNumber(serial)
        .withAuthenticationCodeFirst(first).withAuthenticationCodeSecond(second),
    ));

    const wrong = await sdkError(enable(c.previous, wrongCode(c)));
    await assertSdkError(wrong, { status: 400, code: 'IAM.1061', path: '/v5/mfa-devices/enable' });

    const enabled = await enable(c.previous, c.current);
    assert.equal(enabled.httpStatusCode, 200);

    // Two query parameters: the signature's canonical query string is sorted (limit, user_id).
    const listDevices = () => adminV5.listMfaDevicesV5(new v5.ListMfaDevicesV5Request().withUserId(admin.user_id).withLimit(100));
    const listed = await listDevices();
    assert.equal(listed.httpStatusCode, 200);
    assert.deepEqual(listed.mfa_devices.find((d) => d.serial_number === serial), { serial_number: serial, user_id: admin.user_id, enabled: true });

    const disabled = await adminV5.disableMfaDeviceV5(new v5.DisableMfaDeviceV5Request().withBody(
      new v5.DisableMfaDeviceReqBody().withUserId(admin.user_id).withSerialNumber(serial),
    ));
    assert.equal(disabled.httpStatusCode, 200);
    const afterDisable = await listDevices();
    assert.equal(afterDisable.mfa_devices.find((d) => d.serial_number === serial)?.enabled, false);

    const deleted = await adminV5.deleteVirtualMfaDeviceV5(
      new v5.DeleteVirtualMfaDeviceV5Request().withUserId(admin.user_id).withSerialNumber(serial),
    );
    assert.equal(deleted.httpStatusCode, 204);
    const afterDelete = await listDevices();
    assert.equal(afterDelete.mfa_devices.find((d) => d.serial_number === serial), undefined);
  });

  // ---- Two bugs this test found in the emulator, fixed; kept so they stay fixed. ----

  test('IAM user lifecycle: createUser, token by password, device, bind, vmfa, token by password + TOTP, update, list, delete', async () => {
    // Create the user through the SDK (CreateUser, administrator).
    const created = await adminV3.createUser(new v3.CreateUserRequest().withBody(new v3.CreateUserRequestBody().withUser(
      new v3.CreateUserOption('sdk-lifecycle', admin.domain_id).withPassword('Lifecycle@2026').withEmail('life@example.com')
        .withAreacode('0086').withPhone('13800000001').withDescription('made by the SDK'),
    )));
    assert.equal(created.httpStatusCode, 201);
    const userId = created.user.id;
    assert.equal(created.user.name, 'sdk-lifecycle');
    assert.equal(created.user.domain_id, admin.domain_id);
    assert.equal(created.user.is_domain_owner, false);

    // A token by password, sent as Huawei's token page says: Content-Type application/json;charset=utf8.
    const passwordToken = await fetch(`${address}/v3/auth/tokens`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json;charset=utf8' },
      body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { id: userId, password: 'Lifecycle@2026' } } } } }),
    });
    assert.equal(passwordToken.status, 201, await passwordToken.clone().text());
    const userToken = passwordToken.headers.get('x-subject-token');
    assert.ok(userToken);

    // The same through the SDK, which validates the token it gets.
    const sdkToken = await adminV3.keystoneCreateUserTokenByPassword(new v3.KeystoneCreateUserTokenByPasswordRequest().withBody(
      new v3.KeystoneCreateUserTokenByPasswordRequestBody().withAuth(new v3.PwdAuth().withIdentity(new v3.PwdIdentity()
        .withMethods(['password'])
        .withPassword(new v3.PwdPassword().withUser(new v3.PwdPasswordUser().withName('sdk-lifecycle').withPassword('Lifecycle@2026')
          .withDomain(new v3.PwdPasswordUserDomain().withName(admin.domain_name)))))),
    ));
    assert.equal(sdkToken.httpStatusCode, 201);
    assert.ok(sdkToken.token.catalog.some((entry) => entry.type === 'iam'), 'the token has a catalog');
    const validated = await adminV3.keystoneValidateToken(new v3.KeystoneValidateTokenRequest().withXSubjectToken(sdkToken['X-Subject-Token']).withNocatalog('true'));
    assert.equal(validated.httpStatusCode, 200);
    assert.equal(validated.token.user.id, userId);
    assert.deepEqual(validated.token.catalog, []);

    // Self-service device and bind with the user's own token (strict mode: only the user may).
    const asUser = (method, path, body) => fetch(`${address}${path}`, {
      method,
      headers: { 'X-Auth-Token': userToken, 'Content-Type': 'application/json;charset=utf8' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const device = await asUser('POST', '/v3.0/OS-MFA/virtual-mfa-devices', { virtual_mfa_device: { name: 'lifecycle-phone', user_id: userId } });
    assert.equal(device.status, 201, await device.clone().text());
    const serial = (await device.json()).virtual_mfa_device.serial_number;
    const c = await codes(serial);
    const bound = await asUser('PUT', '/v3.0/OS-MFA/mfa-devices/bind', {
      user_id: userId, serial_number: serial, authentication_code_first: c.previous, authentication_code_second: c.current,
    });
    assert.equal(bound.status, 204, await bound.clone().text());

    // vmfa protection through the SDK, then a token by password + TOTP through the SDK (a later code: replay rule).
    const protect = await adminV3.updateLoginProtect(new v3.UpdateLoginProtectRequest().withUserId(userId).withBody(
      new v3.UpdateLoginProjectReq().withLoginProtect(new v3.UpdateLoginProject().withEnabled(true).withVerificationMethod('vmfa')),
    ));
    assert.equal(protect.login_protect.verification_method, 'vmfa');
    await advanceClock(30);
    const totpToken = await adminV3.keystoneCreateUserTokenByPasswordAndMfa(new v3.KeystoneCreateUserTokenByPasswordAndMfaRequest().withBody(
      new v3.KeystoneCreateUserTokenByPasswordAndMfaRequestBody().withAuth(new v3.MfaAuth().withIdentity(new v3.MfaIdentity()
        .withMethods(['password', 'totp'])
        .withPassword(new v3.PwdPassword().withUser(new v3.PwdPasswordUser().withName('sdk-lifecycle').withPassword('Lifecycle@2026')
          .withDomain(new v3.PwdPasswordUserDomain().withName(admin.domain_name))))
        .withTotp(new v3.MfaTotp().withUser(new v3.MfaTotpUser().withId(userId).withPasscode((await codes(serial)).current))))),
    ));
    assert.equal(totpToken.httpStatusCode, 201);
    assert.equal(typeof totpToken.token.mfa_authn_at, 'string');

    // Disabling reads back as "none", whatever method the disabling call named (what Terraform relies on).
    await adminV3.updateLoginProtect(new v3.UpdateLoginProtectRequest().withUserId(userId).withBody(
      new v3.UpdateLoginProjectReq().withLoginProtect(new v3.UpdateLoginProject().withEnabled(false).withVerificationMethod('sms')),
    ));
    const shownProtect = await adminV3.showUserLoginProtect(new v3.ShowUserLoginProtectRequest().withUserId(userId));
    assert.deepEqual({ ...shownProtect.login_protect }, { user_id: userId, enabled: false, verification_method: 'none' });

    // Update, show, list, delete.
    const updated = await adminV3.updateUser(new v3.UpdateUserRequest(userId).withBody(new v3.UpdateUserRequestBody(
      new v3.UpdateUserOption().withDescription('changed').withEnabled(true),
    )));
    assert.equal(updated.httpStatusCode, 200);
    assert.equal(updated.user.description, 'changed');
    const shown = await adminV3.showUser(new v3.ShowUserRequest(userId));
    assert.equal(shown.user.name, 'sdk-lifecycle');
    assert.equal(shown.user.email, 'life@example.com');
    const listed = await adminV3.keystoneListUsers(new v3.KeystoneListUsersRequest());
    assert.ok(listed.users.some((u) => u.id === userId));
    const deleted = await adminV3.keystoneDeleteUser(new v3.KeystoneDeleteUserRequest(userId));
    assert.equal(deleted.httpStatusCode, 204);
    const gone = await sdkError(adminV3.showUser(new v3.ShowUserRequest(userId)));
    assert.equal(gone.httpStatusCode, 404);
    assert.equal(gone.errorCode, 'IAM.0004');
    const codesAfter = await control('GET', `/_emulator/mfa-devices/codes?serial_number=${encodeURIComponent(serial)}`);
    assert.equal(codesAfter.status, 404, 'the deleted user\'s device is gone');
  });

  test('path canonicalisation: a signed request whose path holds "[" "]" is verified', async () => {
    // A user id that does not exist: a verified signature gives IAM.0004 / 404, a rejected one APIGW.0301 / 401.
    const error = await sdkError(adminV3.showUserLoginProtect(new v3.ShowUserLoginProtectRequest().withUserId('no[such]user')));
    assert.equal(error.errorCode, 'IAM.0004', `${error.httpStatusCode} ${error.errorCode} ${error.errorMsg}`);
  });

  test('SDK calls still verify after the emulator clock is advanced past 15 minutes', async () => {
    await advanceClock(16 * 60);
    const listed = await adminV3.listUserLoginProtects(new v3.ListUserLoginProtectsRequest());
    assert.equal(listed.httpStatusCode, 200);
  });
});
