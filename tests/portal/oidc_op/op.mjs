// SPDX-License-Identifier: EUPL-1.2
// A real OpenID Connect provider (panva/oidc-provider) on loopback, for the portal's login test.
// Usage: node op.mjs <port> <redirect_uri> <accounts.json>
// accounts.json maps a login name to its claims (roles, gemeenten, name, email). The provider's
// own development login page asks for a login name (any password) and a consent click.
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const [port, redirectUri, accountsFile] = process.argv.slice(2);
const accounts = JSON.parse(readFileSync(accountsFile, 'utf8'));

const provider = new Provider(`http://127.0.0.1:${port}`, {
  clients: [{
    client_id: 'ketenmonitor',
    client_secret: 'test-geheim-voor-de-loopback-op',
    redirect_uris: [redirectUri],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  claims: {
    openid: ['sub'],
    email: ['email'],
    profile: ['name', 'roles', 'gemeenten'],
  },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    if (!(id in accounts)) return undefined;
    return {
      accountId: id,
      async claims() { return { sub: id, ...accounts[id] }; },
    };
  },
});
provider.proxy = false;
provider.listen(Number(port), '127.0.0.1', () => {
  process.stdout.write(`oidc-provider luistert op ${port}\n`);
});
