import { spawn } from 'node:child_process';
import http from 'node:http';
import crypto from 'node:crypto';
const child = spawn('dotnet', ['/tmp/emu-bin/MfaEmulator.dll', '--urls', 'http://127.0.0.1:0', '--strict'], { stdio: ['ignore', 'pipe', 'inherit'] });
const address = await new Promise((res) => child.stdout.on('data', (d) => { const m = /listening on (http\S+)/.exec(String(d)); if (m) res(m[1]); }));
const port = new URL(address).port;
const admin = await (await fetch(address + '/_emulator/huawei/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'a', admin: true }) })).json();
const sha = (s) => crypto.createHash('sha256').update(s).digest('hex');
const esc = (s) => Array.from(Buffer.from(s, 'utf8')).map((b) => /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : '%' + b.toString(16).toUpperCase().padStart(2, '0')).join('');
const canon = (p) => { const u = p.split('/').map(esc).join('/'); return u.endsWith('/') ? u : u + '/'; };
function send(wirePath, canonicalUri) {
  const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const host = `127.0.0.1:${port}`;
  const creq = ['GET', canonicalUri, '', `host:${host}\nx-sdk-date:${date}\n`, 'host;x-sdk-date', sha('')].join('\n');
  const sig = crypto.createHmac('sha256', admin.secret_key).update(`SDK-HMAC-SHA256\n${date}\n${sha(creq)}`).digest('hex');
  return new Promise((res) => {
    const req = http.request({ host: '127.0.0.1', port, path: wirePath, method: 'GET', headers: { host, 'x-sdk-date': date, authorization: `SDK-HMAC-SHA256 Access=${admin.access_key}, SignedHeaders=host;x-sdk-date, Signature=${sig}` } }, (r) => { let b = ''; r.on('data', (d) => (b += d)); r.on('end', () => res(r.statusCode)); });
    req.end();
  });
}
for (const seg of ['ab%20c', 'ab%41c', "ab'c", 'ab[c', 'ab%C3%A9c', 'ab%22c', 'ab%2Fc', 'ab%5Bc']) {
  const wire = `/v3.0/OS-USER/users/${seg}/login-protect`;
  let decoded; try { decoded = decodeURIComponent(wire); } catch { decoded = wire; }
  const out = {};
  for (const [name, c] of Object.entries({ escRaw: canon(wire), escDecoded: canon(decoded) })) out[name] = await send(wire, c);
  console.log(seg.padEnd(12), JSON.stringify(out));
}
child.kill();
