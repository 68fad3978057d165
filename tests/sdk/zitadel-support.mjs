// The login-policy story both ZITADEL client test files run (zitadel-client.test.mjs with @zitadel/client,
// zitadel-node.test.mjs with @zitadel/node), written once against a client-neutral "api" that each file builds
// from its client. The adapters call the real clients and map their value shapes (bigint / Long, Timestamp /
// Date, enum numbers) to plain values here, checking the client-specific shapes as they go; failed calls become
// ZitadelCallError { code, message (grpc-message), details: [{ id, message }] (zitadel.v1.ErrorDetail) }.
//
// Only the control routes (/_emulator/zitadel/...) are called with fetch.
//
// The api an adapter provides, for a token (`api(token)`), or without any authorization header (`anonymous()`):
//   mgmt(orgId)  ManagementService with x-zitadel-orgid: orgId on every call:
//     getLoginPolicy() → { isDefault, policy }           addCustomLoginPolicy(spec) → details
//     updateCustomLoginPolicy(spec) → details             resetLoginPolicyToDefault() → details
//     getDefaultLoginPolicy() → { policy }                addSecondFactor(type) / removeSecondFactor(type) → details
//     listSecondFactors() / listMultiFactors() → { result: names, totalResult }
//     addMultiFactor(type) / removeMultiFactor(type) → details
//     listIdps() → { result: [...], totalResult }          addSystemIdp(idpId) → details
//   admin        AdminService, no org header: getLoginPolicy() → { policy }, updateLoginPolicy(spec) → details,
//                addSecondFactor / removeSecondFactor, listSecondFactors, listMultiFactors, listIdps
// A type is a name without its prefix ('OTP', 'U2F_WITH_VERIFICATION') or a raw number (0, 99).
// A policy: { isDefault, details, <BOOLEAN_FIELDS>, passwordlessType: 'ALLOWED', defaultRedirectUri,
//   <LIFETIME_FIELDS> in seconds, secondFactors: names, multiFactors: names };
// details: { sequence: bigint, creationDate: Date | undefined, changeDate: Date | undefined, resourceOwner }.

import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { after, before, describe, test } from 'node:test';

import { startEmulator } from './emulator-process.mjs';

export const INSTANCE_ID = '312909075211944344';
export const DEFAULT_ORG_ID = '312909075212468632';
/** The default org's PAT: ORG_OWNER of the default org and IAM_OWNER. */
export const BUILT_IN_PAT = 'zitadel-emulator-owner-pat-00000000000000000000000000000000000000000001';
/** An org id no org has. */
export const MISSING_ORG_ID = '999999999999999999';
/** Lenient mode takes any bearer token as an owner of the org it targets (and of the instance). */
export const ANY_TOKEN = 'any-token-lenient-mode-accepts';

export const BOOLEAN_FIELDS = [
  'allowUsernamePassword', 'allowRegister', 'allowExternalIdp', 'forceMfa', 'forceMfaLocalOnly', 'hidePasswordReset',
  'ignoreUnknownUsernames', 'allowDomainDiscovery', 'disableLoginWithEmail', 'disableLoginWithPhone',
];
export const LIFETIME_FIELDS = [
  'passwordCheckLifetime', 'externalLoginCheckLifetime', 'mfaInitSkipLifetime', 'secondFactorCheckLifetime',
  'multiFactorCheckLifetime',
];

const HOUR = 3600;

/** The instance default as a new org sees it (step 1). */
const DEFAULT_POLICY = {
  allowUsernamePassword: true,
  allowRegister: true,
  allowExternalIdp: true,
  allowDomainDiscovery: true,
  passwordlessType: 'ALLOWED',
  passwordCheckLifetime: 240 * HOUR,
  externalLoginCheckLifetime: 240 * HOUR,
  mfaInitSkipLifetime: 720 * HOUR,
  secondFactorCheckLifetime: 18 * HOUR,
  multiFactorCheckLifetime: 12 * HOUR,
  secondFactors: ['OTP', 'U2F'],
  multiFactors: ['U2F_WITH_VERIFICATION'],
};

/** The custom policy of step 2 (allowRegister, allowExternalIdp, ignoreUnknownUsernames, disableLoginWithPhone unset). */
const CUSTOM_POLICY = {
  allowUsernamePassword: true,
  allowRegister: false,
  allowExternalIdp: false,
  forceMfa: true,
  forceMfaLocalOnly: true,
  hidePasswordReset: true,
  ignoreUnknownUsernames: false,
  allowDomainDiscovery: true,
  disableLoginWithEmail: true,
  disableLoginWithPhone: false,
  passwordlessType: 'NOT_ALLOWED',
  defaultRedirectUri: 'localhost:8080',
  passwordCheckLifetime: 1 * HOUR,
  externalLoginCheckLifetime: 2 * HOUR,
  mfaInitSkipLifetime: 3 * HOUR,
  secondFactorCheckLifetime: 4 * HOUR,
  multiFactorCheckLifetime: 5 * HOUR,
  secondFactors: ['OTP'],
  multiFactors: ['U2F_WITH_VERIFICATION'],
};

/** The update of step 8: the same settings, registration allowed and a 6h password check. */
const UPDATED_POLICY = { ...CUSTOM_POLICY, allowRegister: true, passwordCheckLifetime: 6 * HOUR };

/** gRPC code, ErrorDetail id and text (grpc-message "<text> (<id>)"), or an exact message without ErrorDetail. */
const ERRORS = {
  secondFactorExists: { code: 6, id: 'Org-2B0ps', text: 'Multifactor already exists' },
  secondFactorMissing: { code: 5, id: 'Org-3M9od', text: 'Multifactor not existing' },
  multiFactorExists: { code: 6, id: 'Org-3M9od', text: 'Multifactor already exists' },
  multiFactorMissing: { code: 5, id: 'Org-3M9df', text: 'Multifactor not existing' },
  policyNotChanged: { code: 9, id: 'Org-5M9vdd', text: 'Errors.Org.LoginPolicy.NotChanged' },
  idpMissing: { code: 9, id: 'Org-3N9fs' },
  policyNotFoundOnReset: { code: 5, id: 'Org-GHB37', text: 'Login Policy not found' },
  defaultNotChanged: { code: 9, id: 'INSTANCE-5M9vdd', text: 'Default Login Policy has not been changed' },
  instanceSecondFactorMissing: { code: 5, id: 'INSTANCE-3M9od' },
  authHeaderMissing: { code: 16, message: 'auth header missing' },
  tokenInvalid: { code: 16, id: 'AUTH-7fs1e', text: 'Token is invalid' },
  orgMissing: { code: 7, id: 'AUTH-Bs7Ds', text: "Organisation doesn't exist" },
  noPermission: { code: 7, id: 'AUTH-5mWD2', text: 'No matching permissions found' },
  secondFactorUnspecified: { code: 3, message: 'invalid AddSecondFactorToLoginPolicyRequest.Type: value must not be in list [0]' },
  secondFactorUndefined: { code: 3, message: 'invalid AddSecondFactorToLoginPolicyRequest.Type: value must be one of the defined enum values' },
};

/** A failed call, client-neutral. `cause` is the client's own error. */
export class ZitadelCallError extends Error {
  constructor({ code, message, details }, cause) {
    super(message, { cause });
    this.name = 'ZitadelCallError';
    this.code = code;
    this.details = details;
  }
}

const show = (value) => inspect(value, { depth: 6, breakLength: Infinity });

/** The call must fail with the expected ZITADEL error; returns it. */
async function expectError(promise, expected, what) {
  let result;
  try {
    result = await promise;
  } catch (error) {
    if (!(error instanceof ZitadelCallError)) throw error;
    const actual = { code: error.code, message: error.message, details: error.details };
    const shown = `${what}: got ${show(actual)}`;
    assert.equal(actual.code, expected.code, `gRPC code of ${shown}`);
    if (expected.message !== undefined) {
      assert.equal(actual.message, expected.message, `message of ${shown}`);
      assert.deepEqual(actual.details, [], `no ErrorDetail in ${shown}`);
    } else if (expected.text !== undefined) {
      assert.equal(actual.message, `${expected.text} (${expected.id})`, `message of ${shown}`);
      assert.deepEqual(actual.details, [{ id: expected.id, message: expected.text }], `ErrorDetail of ${shown}`);
    } else {
      assert.ok(actual.message.endsWith(`(${expected.id})`), `message of ${shown} ends in (${expected.id})`);
      assert.deepEqual(actual.details.map((d) => d.id), [expected.id], `ErrorDetail id of ${shown}`);
    }
    return error;
  }
  assert.fail(`${what}: expected gRPC code ${expected.code}, the call succeeded with ${show(result)}`);
}

// ---------- control routes (plain HTTP) ----------

let orgCounter = 0;

async function control(rest, path, body) {
  const response = await fetch(`${rest}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** POST /_emulator/zitadel/orgs → { orgId, token } (an ORG_OWNER PAT of the new org). */
async function createOrg(rest, label) {
  orgCounter += 1;
  const name = `${label} ${process.pid}-${orgCounter}`;
  const { status, body } = await control(rest, '/_emulator/zitadel/orgs', { name });
  assert.equal(status, 201, `creating org ${name}: ${JSON.stringify(body)}`);
  assert.match(body.org_id, /^\d{18}$/, `org_id of ${JSON.stringify(body)}`);
  assert.equal(typeof body.token, 'string');
  assert.ok(body.token.length > 0);
  return { orgId: body.org_id, token: body.token };
}

/** POST /_emulator/zitadel/tokens → the token. */
async function issueToken(rest, orgId, roles) {
  const { status, body } = await control(rest, '/_emulator/zitadel/tokens', { org_id: orgId, roles });
  assert.equal(status, 201, `issuing ${roles} in ${orgId}: ${JSON.stringify(body)}`);
  assert.equal(typeof body.token, 'string');
  return body.token;
}

// ---------- assertions on values ----------

function assertFields(policy, expected, what) {
  for (const [field, value] of Object.entries(expected)) {
    assert.deepEqual(policy[field], value, `${what}: ${field} of ${show(policy)}`);
  }
}

function assertDate(date, what) {
  assert.ok(date instanceof Date && !Number.isNaN(date.getTime()) && date.getTime() > 0, `${what} is set: ${show(date)}`);
}

function assertSequence(details, what) {
  assert.equal(typeof details?.sequence, 'bigint', `${what}: details.sequence of ${show(details)}`);
  assert.ok(details.sequence > 0n, `${what}: details.sequence > 0 in ${show(details)}`);
  return details.sequence;
}

// ---------- the suites ----------

/**
 * One emulator per mode (lenient, strict), shared by the describe blocks of every transport: first the
 * ManagementService blocks of all transports, then the AdminService blocks (which restore what they change).
 * @param {{ client: string, transports: { name: string, connect: (emulator) => { api: (token: string) => any, anonymous: () => any } }[] }} options
 */
export function defineLoginPolicySuites({ client, transports }) {
  for (const strict of [false, true]) {
    describe(`${client} against MfaEmulator ${strict ? '--strict' : '(lenient)'}`, () => {
      let emulator;
      before(async () => {
        emulator = await startEmulator({ strict });
      });
      after(() => emulator?.stop());

      const context = (transport) => ({
        strict,
        get rest() { return emulator.rest; },
        connect: () => transport.connect(emulator),
      });
      for (const transport of transports) {
        describe(`${transport.name}: ManagementService login policy`, () => managementStory(context(transport)));
        describe(`${transport.name}: ManagementService errors`, () => managementErrors(context(transport)));
      }
      for (const transport of transports) {
        describe(`${transport.name}: seed 004 and terraform-provider-zitadel's zitadel_login_policy`, () => terraformLoginPolicy(context(transport)));
      }
      for (const transport of transports) {
        describe(`${transport.name}: AdminService default login policy`, () => adminStory(context(transport)));
        describe(`${transport.name}: terraform-provider-zitadel's zitadel_default_login_policy`, () => terraformDefaultLoginPolicy(context(transport)));
      }
    });
  }
}

function managementStory(ctx) {
  let org;
  let mgmt;
  let lastSequence;

  before(async () => {
    org = await createOrg(ctx.rest, 'story');
    mgmt = ctx.connect().api(ctx.strict ? org.token : ANY_TOKEN).mgmt(org.orgId);
  });

  test('1. a new org gets the instance default', async () => {
    const { isDefault, policy } = await mgmt.getLoginPolicy();
    assert.equal(isDefault, true, 'GetLoginPolicyResponse.isDefault');
    assert.equal(policy.isDefault, true, 'LoginPolicy.isDefault');
    assert.equal(policy.details?.resourceOwner, INSTANCE_ID, `policy.details.resourceOwner of ${show(policy.details)}`);
    assertFields(policy, DEFAULT_POLICY, 'the default policy');
  });

  test('2. addCustomLoginPolicy', async () => {
    const details = await mgmt.addCustomLoginPolicy(CUSTOM_POLICY);
    assert.equal(details?.resourceOwner, org.orgId, `details.resourceOwner of ${show(details)}`);
    lastSequence = assertSequence(details, 'addCustomLoginPolicy');
    assertDate(details.creationDate, 'details.creationDate');
  });

  test('3. getLoginPolicy returns the custom policy as sent', async () => {
    const { isDefault, policy } = await mgmt.getLoginPolicy();
    assert.equal(isDefault, false, 'GetLoginPolicyResponse.isDefault');
    assert.equal(policy.isDefault, false, 'LoginPolicy.isDefault');
    assert.equal(policy.details?.resourceOwner, org.orgId, `policy.details.resourceOwner of ${show(policy.details)}`);
    assertFields(policy, CUSTOM_POLICY, 'the custom policy');
  });

  test('4. adding an active second factor again is AlreadyExists Org-2B0ps', async () => {
    await expectError(mgmt.addSecondFactor('OTP'), ERRORS.secondFactorExists, 'addSecondFactorToLoginPolicy(OTP)');
  });

  test('5. add U2F, list second factors', async () => {
    const details = await mgmt.addSecondFactor('U2F');
    const sequence = assertSequence(details, 'addSecondFactorToLoginPolicy(U2F)');
    if (lastSequence !== undefined) assert.ok(sequence > lastSequence, `the sequence grows: ${sequence} > ${lastSequence}`);
    lastSequence = sequence;
    const list = await mgmt.listSecondFactors();
    assert.deepEqual(list.result, ['OTP', 'U2F']);
    assert.equal(list.totalResult, 2n);
  });

  test('6. remove U2F, then again: NotFound Org-3M9od', async () => {
    const details = await mgmt.removeSecondFactor('U2F');
    assertDate(details?.changeDate, 'details.changeDate');
    await expectError(mgmt.removeSecondFactor('U2F'), ERRORS.secondFactorMissing, 'removeSecondFactorFromLoginPolicy(U2F) again');
  });

  test('7. multi-factors: list, remove, add, add again, remove twice', async () => {
    assert.deepEqual((await mgmt.listMultiFactors()).result, ['U2F_WITH_VERIFICATION']);
    await mgmt.removeMultiFactor('U2F_WITH_VERIFICATION');
    assert.deepEqual((await mgmt.listMultiFactors()).result, []);
    await mgmt.addMultiFactor('U2F_WITH_VERIFICATION');
    await expectError(mgmt.addMultiFactor('U2F_WITH_VERIFICATION'), ERRORS.multiFactorExists, 'addMultiFactorToLoginPolicy again');
    await mgmt.removeMultiFactor('U2F_WITH_VERIFICATION');
    await expectError(mgmt.removeMultiFactor('U2F_WITH_VERIFICATION'), ERRORS.multiFactorMissing, 'removeMultiFactorFromLoginPolicy again');
  });

  test('8. updateCustomLoginPolicy changes the settings, not the factors; the same update again is Org-5M9vdd', async () => {
    const previous = await mgmt.getLoginPolicy();
    const details = await mgmt.updateCustomLoginPolicy(UPDATED_POLICY);
    assertDate(details?.changeDate, 'details.changeDate');
    const { policy } = await mgmt.getLoginPolicy();
    const { secondFactors, multiFactors, ...settings } = UPDATED_POLICY;
    assertFields(policy, settings, 'the updated policy');
    assert.deepEqual(policy.secondFactors, previous.policy.secondFactors, 'the update keeps the second factors');
    assert.deepEqual(policy.multiFactors, previous.policy.multiFactors, 'the update keeps the multi-factors');
    assert.deepEqual(policy.secondFactors, ['OTP'], 'second factors after steps 5-6');
    assert.deepEqual(policy.multiFactors, [], 'multi-factors after step 7');
    await expectError(mgmt.updateCustomLoginPolicy(UPDATED_POLICY), ERRORS.policyNotChanged, 'the identical update again');
  });

  test('9. no IdPs: listLoginPolicyIDPs is empty, addIDPToLoginPolicy is FailedPrecondition Org-3N9fs', async () => {
    const list = await mgmt.listIdps();
    assert.equal(list.result.length, 0, `result of ${show(list)}`);
    await expectError(mgmt.addSystemIdp('123'), ERRORS.idpMissing, "addIDPToLoginPolicy('123', SYSTEM)");
  });

  test('10. resetLoginPolicyToDefault, then again: NotFound Org-GHB37', async () => {
    await mgmt.resetLoginPolicyToDefault();
    const { isDefault, policy } = await mgmt.getLoginPolicy();
    assert.equal(isDefault, true, 'GetLoginPolicyResponse.isDefault after the reset');
    assert.equal(policy.isDefault, true, 'LoginPolicy.isDefault after the reset');
    await expectError(mgmt.resetLoginPolicyToDefault(), ERRORS.policyNotFoundOnReset, 'resetLoginPolicyToDefault again');
  });

  test('11. getDefaultLoginPolicy', async () => {
    const { policy } = await mgmt.getDefaultLoginPolicy();
    assert.equal(policy.isDefault, true, 'LoginPolicy.isDefault');
    assert.equal(policy.details?.resourceOwner, INSTANCE_ID, `policy.details.resourceOwner of ${show(policy.details)}`);
  });
}

function managementErrors(ctx) {
  const strictOnly = { skip: !ctx.strict && 'strict mode only' };
  let org;
  let connection;
  let mgmt;

  before(async () => {
    org = await createOrg(ctx.rest, 'errors');
    connection = ctx.connect();
    mgmt = connection.api(ctx.strict ? org.token : ANY_TOKEN).mgmt(org.orgId);
  });

  test('no authorization header: Unauthenticated "auth header missing"', async () => {
    await expectError(connection.anonymous().mgmt(org.orgId).getLoginPolicy(), ERRORS.authHeaderMissing, 'getLoginPolicy without a token');
  });

  test('an unknown token: Unauthenticated AUTH-7fs1e', strictOnly, async () => {
    await expectError(connection.api('nope').mgmt(org.orgId).getLoginPolicy(), ERRORS.tokenInvalid, 'getLoginPolicy with Bearer nope');
  });

  test('an org that does not exist: PermissionDenied AUTH-Bs7Ds', async () => {
    const token = ctx.strict ? org.token : ANY_TOKEN;
    await expectError(connection.api(token).mgmt(MISSING_ORG_ID).getLoginPolicy(), ERRORS.orgMissing, `getLoginPolicy in org ${MISSING_ORG_ID}`);
  });

  test('an ORG_OWNER_VIEWER may list but not add: PermissionDenied AUTH-5mWD2', strictOnly, async () => {
    const viewer = connection.api(await issueToken(ctx.rest, org.orgId, ['ORG_OWNER_VIEWER'])).mgmt(org.orgId);
    await expectError(viewer.addSecondFactor('OTP_EMAIL'), ERRORS.noPermission, 'addSecondFactorToLoginPolicy as ORG_OWNER_VIEWER');
    const list = await viewer.listSecondFactors();
    assert.ok(Array.isArray(list.result), show(list));
  });

  test('an org owner may not change the default policy: PermissionDenied AUTH-5mWD2', strictOnly, async () => {
    const owner = connection.api(org.token);
    // The current default, unchanged: even a wrongly allowed call would change nothing.
    const { policy } = await owner.mgmt(org.orgId).getDefaultLoginPolicy();
    await expectError(owner.admin.updateLoginPolicy(policy), ERRORS.noPermission, 'AdminService.updateLoginPolicy as ORG_OWNER');
  });

  test('second factor type 0 (unspecified): InvalidArgument from the request validation, no ErrorDetail', async () => {
    await expectError(mgmt.addSecondFactor(0), ERRORS.secondFactorUnspecified, 'addSecondFactorToLoginPolicy(0)');
  });

  test('second factor type 99 (undefined): InvalidArgument from the request validation, no ErrorDetail', async () => {
    await expectError(mgmt.addSecondFactor(99), ERRORS.secondFactorUndefined, 'addSecondFactorToLoginPolicy(99)');
  });
}

/**
 * Seed 004's call on a fresh org, then the calls terraform-provider-zitadel makes for zitadel_login_policy
 * (zitadel/login_policy/funcs.go), in its order: create (AddCustomLoginPolicy with every setting; with org_id unset
 * the provider still sends x-zitadel-orgid, empty, and the token's org applies), read (GetLoginPolicy and the three
 * lists, always), update (the settings, then factor adds before removes), delete (ResetLoginPolicyToDefault), and
 * the refresh after it, which finds the default (isDefault) and drops the resource.
 */
function terraformLoginPolicy(ctx) {
  let org;
  let api;

  before(async () => {
    org = await createOrg(ctx.rest, 'terraform');
    api = ctx.connect().api(ctx.strict ? org.token : ANY_TOKEN);
  });

  test('seed 004: addSecondFactorToLoginPolicy(OTP_EMAIL) on a fresh org answers details', async () => {
    const details = await api.mgmt(org.orgId).addSecondFactor('OTP_EMAIL');
    assert.equal(details?.resourceOwner, org.orgId, `details.resourceOwner of ${show(details)}`);
    assertSequence(details, 'addSecondFactorToLoginPolicy(OTP_EMAIL)');
    assertDate(details.creationDate, 'details.creationDate');
    assert.equal(details.changeDate, undefined, 'an add answers no changeDate');
  });

  test('create, read, update, delete, refresh', async () => {
    await api.mgmt(org.orgId).resetLoginPolicyToDefault().catch(() => {});
    // A strict token belongs to its org, so the empty header the provider sends means that org.
    const create = api.mgmt(ctx.strict ? '' : org.orgId);
    const byId = api.mgmt(org.orgId);
    const read = async () => ({
      policy: (await byId.getLoginPolicy()).policy,
      second: (await byId.listSecondFactors()).result,
      multi: (await byId.listMultiFactors()).result,
      idps: (await byId.listIdps()).result,
    });

    await create.addCustomLoginPolicy(CUSTOM_POLICY);
    let state = await read();
    assert.equal(state.policy.isDefault, false, 'LoginPolicy.isDefault after create');
    assert.equal(state.policy.details?.resourceOwner, org.orgId, 'the resource id is details.resourceOwner');
    assert.deepEqual([state.second, state.multi, state.idps.length], [['OTP'], ['U2F_WITH_VERIFICATION'], 0]);

    await byId.updateCustomLoginPolicy({ ...CUSTOM_POLICY, forceMfa: false });
    await byId.addSecondFactor('U2F');
    await byId.removeSecondFactor('OTP');
    await byId.removeMultiFactor('U2F_WITH_VERIFICATION');
    state = await read();
    assert.equal(state.policy.forceMfa, false, 'forceMfa after the update');
    assert.deepEqual([state.second, state.multi], [['U2F'], []]);

    await byId.resetLoginPolicyToDefault();
    assert.equal((await byId.getLoginPolicy()).policy.isDefault, true, 'the refresh after delete sees the default');
  });
}

/**
 * terraform-provider-zitadel's zitadel_default_login_policy (zitadel/default_login_policy/funcs.go), applied twice:
 * UpdateLoginPolicy, whose FailedPrecondition (nothing changed) the provider ignores, then GetLoginPolicy for the
 * id, then the second factors diffed against the server's list, and the multi-factor and IdP lists read. The
 * instance default is put back afterwards.
 */
function terraformDefaultLoginPolicy(ctx) {
  test('apply twice: the second update changes nothing and is ignored as the provider ignores it', async () => {
    const admin = ctx.connect().api(ctx.strict ? BUILT_IN_PAT : ANY_TOKEN).admin;
    const { policy: original } = await admin.getLoginPolicy();
    const originalSecond = (await admin.listSecondFactors()).result;
    const desired = { ...original, forceMfa: !original.forceMfa };
    const wantedSecond = ['OTP', 'OTP_EMAIL'];
    const apply = async () => {
      let id;
      try {
        id = (await admin.updateLoginPolicy(desired))?.resourceOwner;
      } catch (error) {
        if (!(error instanceof ZitadelCallError) || error.code !== 9) throw error;
      }
      id ??= (await admin.getLoginPolicy()).policy.details?.resourceOwner;
      const current = (await admin.listSecondFactors()).result;
      for (const type of wantedSecond.filter((t) => !current.includes(t))) await admin.addSecondFactor(type);
      for (const type of current.filter((t) => !wantedSecond.includes(t))) await admin.removeSecondFactor(type);
      await admin.listMultiFactors();
      await admin.listIdps();
      return id;
    };
    try {
      assert.equal(await apply(), INSTANCE_ID, 'the first apply');
      assert.equal(await apply(), INSTANCE_ID, 'the second apply (no change)');
      const { policy } = await admin.getLoginPolicy();
      assert.equal(policy.forceMfa, desired.forceMfa);
      assert.deepEqual((await admin.listSecondFactors()).result, wantedSecond);
    } finally {
      await admin.updateLoginPolicy(original).catch(() => {});
      const now = (await admin.listSecondFactors()).result;
      for (const type of originalSecond.filter((t) => !now.includes(t))) await admin.addSecondFactor(type);
      for (const type of now.filter((t) => !originalSecond.includes(t))) await admin.removeSecondFactor(type);
    }
  });
}

function adminStory(ctx) {
  let admin;

  before(() => {
    admin = ctx.connect().api(ctx.strict ? BUILT_IN_PAT : ANY_TOKEN).admin;
  });

  test('getLoginPolicy: the instance default', async () => {
    const { policy } = await admin.getLoginPolicy();
    assert.equal(policy.isDefault, true, 'LoginPolicy.isDefault');
    assert.equal(policy.details?.resourceOwner, INSTANCE_ID, `policy.details.resourceOwner of ${show(policy.details)}`);
  });

  test('updateLoginPolicy: a change, the same again (INSTANCE-5M9vdd), and back', async () => {
    const { policy: original } = await admin.getLoginPolicy();
    const flipped = { ...original, forceMfa: !original.forceMfa };
    let changed = false;
    try {
      const details = await admin.updateLoginPolicy(flipped);
      changed = true;
      assert.equal(details?.resourceOwner, INSTANCE_ID, `details.resourceOwner of ${show(details)}`);
      const { policy: now } = await admin.getLoginPolicy();
      assert.equal(now.forceMfa, flipped.forceMfa, 'forceMfa after the update');
      await expectError(admin.updateLoginPolicy(flipped), ERRORS.defaultNotChanged, 'the identical default update again');
    } finally {
      if (changed) await admin.updateLoginPolicy(original);
    }
    const { policy: restored } = await admin.getLoginPolicy();
    assert.equal(restored.forceMfa, original.forceMfa, 'forceMfa restored');
  });

  test('second factor OTP_EMAIL: add, list, remove, remove again (INSTANCE-3M9od)', async () => {
    let added = false;
    try {
      await admin.addSecondFactor('OTP_EMAIL');
      added = true;
      const list = await admin.listSecondFactors();
      assert.ok(list.result.includes('OTP_EMAIL'), `OTP_EMAIL in ${show(list.result)}`);
      await admin.removeSecondFactor('OTP_EMAIL');
      added = false;
      await expectError(admin.removeSecondFactor('OTP_EMAIL'), ERRORS.instanceSecondFactorMissing, 'AdminService.removeSecondFactorFromLoginPolicy again');
    } finally {
      if (added) await admin.removeSecondFactor('OTP_EMAIL');
    }
  });

  test('listLoginPolicyMultiFactors and listLoginPolicyIDPs', async () => {
    assert.deepEqual((await admin.listMultiFactors()).result, ['U2F_WITH_VERIFICATION']);
    assert.equal((await admin.listIdps()).result.length, 0);
  });
}
