// ZITADEL's official TypeScript client, @zitadel/client 1.3.1 (connect-es), against MfaEmulator's v1 login
// policy API: over native gRPC (createServerTransport → connect-node, h2c) and over gRPC-web (createClientTransport →
// connect-web over Node's fetch), each against a lenient and a strict emulator. The story itself is in
// zitadel-support.mjs; this file maps the client's shapes (bigint, google.protobuf.Timestamp / Duration
// messages, short enum names, ConnectError with zitadel.v1.ErrorDetail details) to it.
//
//   (cd tests/sdk && npm ci)
//   MFA_EMULATOR_DLL=/path/to/MfaEmulator.dll node --test tests/sdk/zitadel-client.test.mjs

import assert from 'node:assert/strict';

import { timestampDate } from '@bufbuild/protobuf/wkt';
import { ConnectError } from '@connectrpc/connect';
import { createGrpcTransport } from '@connectrpc/connect-node';
import { createGrpcWebTransport } from '@connectrpc/connect-web';
import { createServerTransport } from '@zitadel/client/node';
import { createAdminServiceClient, createManagementServiceClient } from '@zitadel/client/v1';
import { createClientTransport } from '@zitadel/client/web';
import { IDPOwnerType } from '@zitadel/proto/zitadel/idp_pb.js';
import { ErrorDetailSchema } from '@zitadel/proto/zitadel/message_pb.js';
import { MultiFactorType, PasswordlessType, SecondFactorType } from '@zitadel/proto/zitadel/policy_pb.js';

import { BOOLEAN_FIELDS, LIFETIME_FIELDS, ZitadelCallError, defineLoginPolicySuites } from './zitadel-support.mjs';

// ---------- values: @zitadel/client → plain ----------

const enumValue = (enumObject, type) => {
  if (typeof type === 'number') return type;
  assert.equal(typeof enumObject[type], 'number', `enum member ${type}`);
  return enumObject[type];
};
const enumName = (enumObject, value) => {
  assert.equal(typeof value, 'number', `an enum value is a number: ${value}`);
  return enumObject[value] ?? value;
};

function date(timestamp) {
  if (timestamp === undefined) return undefined;
  assert.equal(timestamp.$typeName, 'google.protobuf.Timestamp');
  return timestampDate(timestamp);
}

function detailsOf(details) {
  if (details === undefined) return undefined;
  assert.equal(details.$typeName, 'zitadel.v1.ObjectDetails');
  assert.equal(typeof details.sequence, 'bigint', 'uint64 sequence is a bigint');
  return {
    sequence: details.sequence,
    creationDate: date(details.creationDate),
    changeDate: date(details.changeDate),
    resourceOwner: details.resourceOwner,
  };
}

function seconds(duration) {
  if (duration === undefined) return undefined;
  assert.equal(duration.$typeName, 'google.protobuf.Duration');
  assert.equal(typeof duration.seconds, 'bigint');
  return Number(duration.seconds) + duration.nanos / 1e9;
}

function policyOf(policy) {
  assert.equal(policy?.$typeName, 'zitadel.policy.v1.LoginPolicy', 'a LoginPolicy');
  return {
    isDefault: policy.isDefault,
    details: detailsOf(policy.details),
    ...Object.fromEntries(BOOLEAN_FIELDS.map((field) => [field, policy[field]])),
    passwordlessType: enumName(PasswordlessType, policy.passwordlessType),
    defaultRedirectUri: policy.defaultRedirectUri,
    ...Object.fromEntries(LIFETIME_FIELDS.map((field) => [field, seconds(policy[field])])),
    secondFactors: policy.secondFactors.map((v) => enumName(SecondFactorType, v)),
    multiFactors: policy.multiFactors.map((v) => enumName(MultiFactorType, v)),
  };
}

function listOf(response, enumObject) {
  assert.equal(typeof response.details?.totalResult, 'bigint', 'uint64 totalResult is a bigint');
  return {
    result: enumObject ? response.result.map((v) => enumName(enumObject, v)) : response.result,
    totalResult: response.details.totalResult,
  };
}

// ---------- requests: plain → @zitadel/client ----------

/** The settings of a login policy (Add/UpdateCustomLoginPolicy, admin UpdateLoginPolicy share them). */
function settingsRequest(spec) {
  return {
    ...Object.fromEntries(BOOLEAN_FIELDS.map((field) => [field, spec[field]])),
    passwordlessType: enumValue(PasswordlessType, spec.passwordlessType),
    defaultRedirectUri: spec.defaultRedirectUri,
    ...Object.fromEntries(LIFETIME_FIELDS.map((field) => [field, { seconds: BigInt(spec[field]) }])),
  };
}

/** Runs a call, turning a ConnectError into a ZitadelCallError (grpc-message and the zitadel.v1.ErrorDetail). */
async function call(promise) {
  try {
    return await promise;
  } catch (error) {
    if (!(error instanceof ConnectError)) throw error;
    throw new ZitadelCallError({
      code: error.code,
      message: error.rawMessage,
      details: error.findDetails(ErrorDetailSchema).map((d) => ({ id: d.id, message: d.message })),
    }, error);
  }
}

function apiOver(transport) {
  const management = createManagementServiceClient(transport);
  const adminClient = createAdminServiceClient(transport);
  const sf = (type) => ({ type: enumValue(SecondFactorType, type) });
  const mf = (type) => ({ type: enumValue(MultiFactorType, type) });
  return {
    mgmt(orgId) {
      const org = { headers: { 'x-zitadel-orgid': orgId } };
      return {
        getLoginPolicy: async () => {
          const response = await call(management.getLoginPolicy({}, org));
          return { isDefault: response.isDefault, policy: policyOf(response.policy) };
        },
        getDefaultLoginPolicy: async () => ({ policy: policyOf((await call(management.getDefaultLoginPolicy({}, org))).policy) }),
        addCustomLoginPolicy: async (spec) => detailsOf((await call(management.addCustomLoginPolicy({
          ...settingsRequest(spec),
          secondFactors: spec.secondFactors.map((t) => enumValue(SecondFactorType, t)),
          multiFactors: spec.multiFactors.map((t) => enumValue(MultiFactorType, t)),
        }, org))).details),
        updateCustomLoginPolicy: async (spec) => detailsOf((await call(management.updateCustomLoginPolicy(settingsRequest(spec), org))).details),
        resetLoginPolicyToDefault: async () => detailsOf((await call(management.resetLoginPolicyToDefault({}, org))).details),
        addSecondFactor: async (type) => detailsOf((await call(management.addSecondFactorToLoginPolicy(sf(type), org))).details),
        removeSecondFactor: async (type) => detailsOf((await call(management.removeSecondFactorFromLoginPolicy(sf(type), org))).details),
        listSecondFactors: async () => listOf(await call(management.listLoginPolicySecondFactors({}, org)), SecondFactorType),
        addMultiFactor: async (type) => detailsOf((await call(management.addMultiFactorToLoginPolicy(mf(type), org))).details),
        removeMultiFactor: async (type) => detailsOf((await call(management.removeMultiFactorFromLoginPolicy(mf(type), org))).details),
        listMultiFactors: async () => listOf(await call(management.listLoginPolicyMultiFactors({}, org)), MultiFactorType),
        listIdps: async () => listOf(await call(management.listLoginPolicyIDPs({}, org))),
        addSystemIdp: async (idpId) => detailsOf((await call(management.addIDPToLoginPolicy(
          { idpId, ownerType: IDPOwnerType.IDP_OWNER_TYPE_SYSTEM }, org))).details),
      };
    },
    admin: {
      getLoginPolicy: async () => ({ policy: policyOf((await call(adminClient.getLoginPolicy({}))).policy) }),
      updateLoginPolicy: async (spec) => detailsOf((await call(adminClient.updateLoginPolicy(settingsRequest(spec)))).details),
      addSecondFactor: async (type) => detailsOf((await call(adminClient.addSecondFactorToLoginPolicy(sf(type)))).details),
      removeSecondFactor: async (type) => detailsOf((await call(adminClient.removeSecondFactorFromLoginPolicy(sf(type)))).details),
      listSecondFactors: async () => listOf(await call(adminClient.listLoginPolicySecondFactors({})), SecondFactorType),
      listMultiFactors: async () => listOf(await call(adminClient.listLoginPolicyMultiFactors({})), MultiFactorType),
      listIdps: async () => listOf(await call(adminClient.listLoginPolicyIDPs({}))),
    },
  };
}

// The client's transports always add "Authorization: Bearer <token>" (an empty token gives "Bearer "), so the
// call without any authorization header uses the underlying connect transports with the client's service clients.
defineLoginPolicySuites({
  client: '@zitadel/client 1.3.1',
  transports: [
    {
      name: 'native gRPC (createServerTransport)',
      connect: (emulator) => ({
        api: (token) => apiOver(createServerTransport(token, { baseUrl: emulator.grpc })),
        anonymous: () => apiOver(createGrpcTransport({ baseUrl: emulator.grpc })),
      }),
    },
    {
      name: 'gRPC-web (createClientTransport)',
      connect: (emulator) => ({
        api: (token) => apiOver(createClientTransport(token, { baseUrl: emulator.rest })),
        anonymous: () => apiOver(createGrpcWebTransport({ baseUrl: emulator.rest })),
      }),
    },
  ],
});
