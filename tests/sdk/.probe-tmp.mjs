// temporary probe, deleted after use
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { GlobalCredentials } = require('@huaweicloud/huaweicloud-sdk-core');
const v3 = require('@huaweicloud/huaweicloud-sdk-iam/v3/public-api');
const child = spawn('dotnet', ['/tmp/emu-bin/MfaEmulator.dll', '--urls', 'http://127.0.0.1:0', '--strict'], { stdio: ['ignore', 'pipe', 'inherit'] });
const address = await new Promise((res) => child.stdout.on('data', (d) => { const m = /listening on (http\S+)/.exec(String(d)); if (m) res(m[1]); }));
const post = async (p, b) => (await fetch(address + p, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) })).json();
const admin = await post('/_emulator/huawei/users', { name: 'a', admin: true });
const client = v3.IamClient.newBuilder().withCredential(new GlobalCredentials().withAk(admin.access_key).withSk(admin.secret_key).withDomainId(admin.domain_id)).withEndpoint(address).build();
const show = async (label, id) => { try { const r = await client.showUserLoginProtect(new v3.ShowUserLoginProtectRequest().withUserId(id)); console.log(label, 'OK', r.httpStatusCode); } catch (e) { console.log(label, 'ERR', e.httpStatusCode, e.errorCode, e.errorMsg ?? e.message); } };
const list = async (label, serial) => { try { const r = await client.deleteMfaDevice(new v3.DeleteMfaDeviceRequest().withUserId(admin.user_id).withSerialNumber(serial)); console.log(label, 'OK', r.httpStatusCode); } catch (e) { console.log(label, 'ERR', e.httpStatusCode, e.errorCode, e.errorMsg ?? e.message); } };
for (const ch of ['~', '!', '*', '(', ')', "'", '%41', '%2F', ' ', '"', '{', '|', '^', '`', '[', ']', '$', ',', ';', '=', '+', 'é']) await show(`path char ${JSON.stringify(ch)}`, `ab${ch}c`);
child.kill();
