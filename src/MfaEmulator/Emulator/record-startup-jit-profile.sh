#!/usr/bin/env bash
# record-startup-jit-profile.sh DOTNET APP_DIR: records the start-up JIT profile of the published emulator in APP_DIR
# and ships it there (StartupJitProfile.cs), so that a published copy's first start, on a machine whose cache has no
# profile of this build yet (every CI run), plays one back. Run by the Publish target when RecordStartupJitProfile is
# true (the default of a ReadyToRun publish for the machine's own platform).
#
# The training is what a test suite's first seconds do: the emulator starts in an empty cache folder, gets one call of
# each of the five emulated operations (with the devices that bind and enable need), and stops with SIGTERM, when it
# writes what it recorded. Plain bash (/dev/tcp), so a publish needs nothing else installed.
set -euo pipefail
dotnet="$1"
app="$2"
work="$(mktemp -d)"
pid=""
trap '[[ -n "$pid" ]] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

# A profile published here before (an earlier build's, or this one's when publish runs again) would be played back
# instead of recorded.
rm -f "$app"/*.jitprofile
XDG_CACHE_HOME="$work" "$dotnet" "$app/MfaEmulator.dll" --urls http://127.0.0.1:0 --grpc-urls none >"$work/out" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 300); do
  port="$(sed -nE 's|^MfaEmulator listening on http://127\.0\.0\.1:([0-9]+).*|\1|p' "$work/out")"
  [[ -n "$port" ]] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if [[ -z "$port" ]]; then
  echo "record-startup-jit-profile: the published emulator did not start:" >&2
  cat "$work/out" >&2
  exit 1
fi

# call METHOD PATH HEADER [BODY]: one request on its own connection; its status is added to $answers, its body kept in $body.
answers=""
body=""
call() {
  local sent="${4:-}" answer
  exec 3<>"/dev/tcp/127.0.0.1/$port"
  printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\n%s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$1" "$2" "$port" "$3" "${#sent}" "$sent" >&3
  answer="$(cat <&3)"
  exec 3<&-
  [[ "$answer" =~ ^HTTP/1\.1\ ([0-9]{3}) ]] || { echo "record-startup-jit-profile: no answer to $1 $2" >&2; exit 1; }
  answers+=" ${BASH_REMATCH[1]}"
  body="${answer##*$'\r\n\r\n'}"
}

# The seeded account (README, "Default state"); wrong codes for bind and enable, as a client's first typo would send.
huawei="X-Auth-Token: MIIEmulatorAdminToken"
zitadel="Authorization: Bearer zitadel-emulator-owner-pat-00000000000000000000000000000000000000000001"
admin="0a5f3c2e9b7d4e1f8c6a2b4d6e8f0a34"
domain="0d5f3c2e9b7d4e1f8c6a2b4d6e8f0a12"
codes='"authentication_code_first":"000000","authentication_code_second":"000000"'
call PUT /v5/2acc8d6b6a3d4b0e9d3fd5f2c8d1a2b3/setting/two-factor-login/config "$huawei" \
  '{"enabled":true,"auth_type":"code","host_id_list":["09724867-7b91-482d-9702-daf9113f1b62"]}'
call PUT "/v3.0/OS-USER/users/$admin/login-protect" "$huawei" '{"login_protect":{"enabled":true,"verification_method":"vmfa"}}'
call POST /v3.0/OS-MFA/virtual-mfa-devices "$huawei" "{\"virtual_mfa_device\":{\"name\":\"profile\",\"user_id\":\"$admin\"}}"
call PUT /v3.0/OS-MFA/mfa-devices/bind "$huawei" "{\"user_id\":\"$admin\",\"serial_number\":\"iam:$domain:mfa/profile\",$codes}"
call POST /_emulator/huawei/users "$huawei" '{"name":"profile-v5"}'
[[ "$body" =~ \"user_id\":\"([0-9a-f]+)\" ]] || { echo "record-startup-jit-profile: no user created: $body" >&2; exit 1; }
user="${BASH_REMATCH[1]}"
call POST /v5/virtual-mfa-devices "$huawei" "{\"virtual_mfa_device_name\":\"profile\",\"user_id\":\"$user\"}"
call POST /v5/mfa-devices/enable "$huawei" "{\"user_id\":\"$user\",\"serial_number\":\"iam::$domain:mfa:profile\",$codes}"
call POST /management/v1/policies/login/second_factors "$zitadel" '{"type":"SECOND_FACTOR_TYPE_OTP"}'

kill -TERM "$pid"
wait "$pid" || true
pid=""
recorded=("$work"/mfa-emulator/*.jitprofile)
[[ -f "${recorded[0]}" ]] || { echo "record-startup-jit-profile: the emulator wrote no profile" >&2; exit 1; }
cp "${recorded[0]}" "$app/"
echo "record-startup-jit-profile: $(basename "${recorded[0]}") ($(wc -c <"${recorded[0]}") bytes, answers$answers) in $app"
