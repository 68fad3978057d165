// Fills a running emulator with COUNT accounts, each an administrator with a v3 virtual MFA device, over HTTP from
// CLIENTS concurrent clients (the control route for the user and its account, then IAM v3 CreateMfaDevice with the
// user's own token), as parallel test runners each making their own account would. Prints one JSON
// line: {"created": N, "seconds": S, "per_second": R, "sample": {"user_id", "token"}} (the first user, for probes).
//
//   node bench/fill.mjs http://127.0.0.1:5080 10000 8 [offset]
const [base, countText, clientsText, offsetText] = process.argv.slice(2);
const count = Number(countText);
const clients = Number(clientsText ?? 8);
const offset = Number(offsetText ?? 0);

async function post(path, body, headers = {}) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

let next = 0;
let sample;
const started = performance.now();
await Promise.all(Array.from({ length: clients }, async () => {
  for (let i = next++; i < count; i = next++) {
    const user = await post('/_emulator/huawei/users', { name: `scale-${offset + i}`, admin: true });
    await post('/v3.0/OS-MFA/virtual-mfa-devices', { virtual_mfa_device: { name: `d${offset + i}`, user_id: user.user_id } },
      { 'X-Auth-Token': user.token });
    if (i === 0) sample = { user_id: user.user_id, token: user.token };
  }
}));
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ created: count, seconds: Number(seconds.toFixed(2)), per_second: Math.round(count / seconds), sample }));
