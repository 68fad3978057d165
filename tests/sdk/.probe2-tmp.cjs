const http = require('http');
const { GlobalCredentials } = require('@huaweicloud/huaweicloud-sdk-core');
const v3 = require('@huaweicloud/huaweicloud-sdk-iam/v3/public-api');
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner');
const seen = [];
const srv = http.createServer((req, res) => { seen.push(req.url); res.writeHead(404, {'content-type':'application/json'}); res.end('{}'); });
srv.listen(0, '127.0.0.1', async () => {
  const address = `http://127.0.0.1:${srv.address().port}`;
  const client = v3.IamClient.newBuilder().withCredential(new GlobalCredentials().withAk('A').withSk('B').withDomainId('d')).withEndpoint(address).build();
  const orig = AKSKSigner.CanonicalURI.bind(AKSKSigner);
  let signed;
  AKSKSigner.CanonicalURI = (p) => (signed = orig(p));
  for (const ch of [' ', "'", '%41', '[', ']', 'é', '"']) {
    try { await client.showUserLoginProtect(new v3.ShowUserLoginProtectRequest().withUserId(`ab${ch}c`)); } catch {}
    console.log(JSON.stringify(ch), 'signed', signed, 'wire', seen.at(-1));
  }
  srv.close();
});
