// ZITADEL's Node.js SDK, @zitadel/node 3.0.28 (nice-grpc over @grpc/grpc-js, native gRPC only), against
// MfaEmulator's v1 login policy API, lenient and strict. The story itself is in zitadel-support.mjs; this file
// maps the SDK's shapes (ts-proto: Long, Date, full-name enums, ClientError) to it. nice-grpc does not expose
// zitadel.v1.ErrorDetail on its ClientError, so the detail is read from the grpc-status-details-bin trailer
// (google.rpc.Status → Any → ErrorDetail) through the onTrailer call option.
//
// @zitadel/node has no package entry point (no main/exports), so its dist modules are imported directly.
//
//   (cd tests/sdk && npm ci)
//   MFA_EMULATOR_DLL=/path/to/MfaEmulator.dll node --test tests/sdk/zitadel-node.test.mjs

import assert from 'node:assert/strict';

import { BinaryReader } from '@bufbuild/protobuf/wire';
import { createAccessTokenInterceptor, createAdminClient, createManagementClient } from '@zitadel/node/dist/api/index.js';
import { IDPOwnerType } from '@zitadel/node/dist/api/generated/zitadel/idp.js';
import { ErrorDetail } from '@zitadel/node/dist/api/generated/zitadel/message.js';
import {
  MultiFactorType, PasswordlessType, SecondFactorType,
  multiFactorTypeToJSON, passwordlessTypeToJSON, secondFactorTypeToJSON,
} from '@zitadel/node/dist/api/generated/zitadel/policy.js';
import { ClientError, Metadata } from 'nice-grpc';

import { BOOLEAN_FIELDS, LIFETIME_FIELDS, ZitadelCallError, defineLoginPolicySuites } from './zitadel-support.mjs';

const ERROR_DETAIL_TYPE_URL = 'type.googleapis.com/zitadel.v1.ErrorDetail';

// ---------- values: @zitadel/node → plain ----------

/** 'SECOND_FACTOR_TYPE_OTP' → 'OTP' (the story's names are the ones without the prefix). */
const shortName = (prefix, name) => (name.startsWith(prefix) ? name.slice(prefix.length) : name);

const secondFactor = (type) => (typeof type === 'number' ? type : SecondFactorType[`SECOND_FACTOR_TYPE_${type}`]);
const multiFactor = (type) => (typeof type === 'number' ? type : MultiFactorType[`MULTI_FACTOR_TYPE_${type}`]);

function bigint(long) {
  assert.ok(long !== null && typeof long === 'object' && 'low' in long && 'high' in long, `uint64 is a Long: ${long}`);
  return BigInt(long.toString());
}

function date(value) {
  if (value === undefined) return undefined;
  assert.ok(value instanceof Date, `a Timestamp is a Date: ${value}`);
  return value;
}

function detailsOf(details) {
  if (details === undefined) return undefined;
  return {
    sequence: bigint(details.sequence),
    creationDate: date(details.creationDate),
    changeDate: date(details.changeDate),
    resourceOwner: details.resourceOwner,
  };
}

function seconds(duration) {
  if (duration === undefined) return undefined;
  return Number(bigint(duration.seconds)) + duration.nanos / 1e9;
}

function policyOf(policy) {
  assert.ok(policy, 'a LoginPolicy');
  return {
    isDefault: policy.isDefault,
    details: detailsOf(policy.details),
    ...Object.fromEntries(BOOLEAN_FIELDS.map((field) => [field, policy[field]])),
    passwordlessType: shortName('PASSWORDLESS_TYPE_', passwordlessTypeToJSON(policy.passwordlessType)),
    defaultRedirectUri: policy.defaultRedirectUri,
    ...Object.fromEntries(LIFETIME_FIELDS.map((field) => [field, seconds(policy[field])])),
    secondFactors: policy.secondFactors.map((v) => shortName('SECOND_FACTOR_TYPE_', secondFactorTypeToJSON(v))),
    multiFactors: policy.multiFactors.map((v) => shortName('MULTI_FACTOR_TYPE_', multiFactorTypeToJSON(v))),
  };
}

function listOf(response, toName) {
  return {
    result: toName ? response.result.map(toName) : response.result,
    totalResult: bigint(response.details?.totalResult),
  };
}
const secondFactorNames = (v) => shortName('SECOND_FACTOR_TYPE_', secondFactorTypeToJSON(v));
const multiFactorNames = (v) => shortName('MULTI_FACTOR_TYPE_', multiFactorTypeToJSON(v));

// ---------- requests: plain → @zitadel/node ----------

function settingsRequest(spec) {
  return {
    ...Object.fromEntries(BOOLEAN_FIELDS.map((field) => [field, spec[field]])),
    passwordlessType: PasswordlessType[`PASSWORDLESS_TYPE_${spec.passwordlessType}`],
    defaultRedirectUri: spec.defaultRedirectUri,
    ...Object.fromEntries(LIFETIME_FIELDS.map((field) => [field, { seconds: spec[field], nanos: 0 }])),
  };
}

// ---------- errors ----------

/** The zitadel.v1.ErrorDetail messages in a grpc-status-details-bin trailer (google.rpc.Status, field 3 Any). */
function errorDetails(statusBytes) {
  if (!statusBytes) return [];
  const details = [];
  const status = new BinaryReader(statusBytes);
  while (status.pos < status.len) {
    const [field, wireType] = status.tag();
    if (field !== 3) {
      status.skip(wireType);
      continue;
    }
    const any = new BinaryReader(status.bytes());
    let typeUrl;
    let value;
    while (any.pos < any.len) {
      const [anyField, anyWireType] = any.tag();
      if (anyField === 1) typeUrl = any.string();
      else if (anyField === 2) value = any.bytes();
      else any.skip(anyWireType);
    }
    assert.equal(typeUrl, ERROR_DETAIL_TYPE_URL, 'the Any in google.rpc.Status.details');
    const { id, message } = ErrorDetail.decode(value ?? new Uint8Array());
    details.push({ id, message });
  }
  return details;
}

/** Runs a call with the org header (if any) and a trailer reader, turning a ClientError into a ZitadelCallError. */
async function call(method, request, orgId) {
  let trailer;
  const options = { onTrailer: (t) => { trailer = t; } };
  if (orgId !== undefined) options.metadata = Metadata({ 'x-zitadel-orgid': orgId });
  try {
    return await method(request, options);
  } catch (error) {
    if (!(error instanceof ClientError)) throw error;
    throw new ZitadelCallError({
      code: error.code,
      message: error.details,
      details: errorDetails(trailer?.get('grpc-status-details-bin')),
    }, error);
  }
}

function apiOf(endpoint, ...interceptors) {
  const management = createManagementClient(endpoint, ...interceptors);
  const adminClient = createAdminClient(endpoint, ...interceptors);
  return {
    mgmt(orgId) {
      const m = (method, request = {}) => call(management[method].bind(management), request, orgId);
      return {
        getLoginPolicy: async () => {
          const response = await m('getLoginPolicy');
          return { isDefault: response.isDefault, policy: policyOf(response.policy) };
        },
        getDefaultLoginPolicy: async () => ({ policy: policyOf((await m('getDefaultLoginPolicy')).policy) }),
        addCustomLoginPolicy: async (spec) => detailsOf((await m('addCustomLoginPolicy', {
          ...settingsRequest(spec),
          secondFactors: spec.secondFactors.map(secondFactor),
          multiFactors: spec.multiFactors.map(multiFactor),
        })).details),
        updateCustomLoginPolicy: async (spec) => detailsOf((await m('updateCustomLoginPolicy', settingsRequest(spec))).details),
        resetLoginPolicyToDefault: async () => detailsOf((await m('resetLoginPolicyToDefault')).details),
        addSecondFactor: async (type) => detailsOf((await m('addSecondFactorToLoginPolicy', { type: secondFactor(type) })).details),
        removeSecondFactor: async (type) => detailsOf((await m('removeSecondFactorFromLoginPolicy', { type: secondFactor(type) })).details),
        listSecondFactors: async () => listOf(await m('listLoginPolicySecondFactors'), secondFactorNames),
        addMultiFactor: async (type) => detailsOf((await m('addMultiFactorToLoginPolicy', { type: multiFactor(type) })).details),
        removeMultiFactor: async (type) => detailsOf((await m('removeMultiFactorFromLoginPolicy', { type: multiFactor(type) })).details),
        listMultiFactors: async () => listOf(await m('listLoginPolicyMultiFactors'), multiFactorNames),
        listIdps: async () => listOf(await m('listLoginPolicyIDPs')),
        addSystemIdp: async (idpId) => detailsOf((await m('addIDPToLoginPolicy',
          { idpId, ownerType: IDPOwnerType.IDP_OWNER_TYPE_SYSTEM })).details),
      };
    },
    admin: (() => {
      const a = (method, request = {}) => call(adminClient[method].bind(adminClient), request);
      return {
        getLoginPolicy: async () => ({ policy: policyOf((await a('getLoginPolicy')).policy) }),
        updateLoginPolicy: async (spec) => detailsOf((await a('updateLoginPolicy', settingsRequest(spec))).details),
        addSecondFactor: async (type) => detailsOf((await a('addSecondFactorToLoginPolicy', { type: secondFactor(type) })).details),
        removeSecondFactor: async (type) => detailsOf((await a('removeSecondFactorFromLoginPolicy', { type: secondFactor(type) })).details),
        listSecondFactors: async () => listOf(await a('listLoginPolicySecondFactors'), secondFactorNames),
        listMultiFactors: async () => listOf(await a('listLoginPolicyMultiFactors'), multiFactorNames),
        listIdps: async () => listOf(await a('listLoginPolicyIDPs')),
      };
    })(),
  };
}

defineLoginPolicySuites({
  client: '@zitadel/node 3.0.28',
  transports: [
    {
      name: 'native gRPC (nice-grpc)',
      connect: (emulator) => ({
        api: (token) => apiOf(emulator.grpc, createAccessTokenInterceptor(token)),
        // Without createAccessTokenInterceptor the SDK sends no authorization header at all.
        anonymous: () => apiOf(emulator.grpc),
      }),
    },
  ],
});
