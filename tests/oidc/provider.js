// A real OpenID Connect provider (the certified `oidc-provider` package) for the single sign-on tests.
//
// Configured from the environment by tests/oidc/server.py: the issuer port, one confidential client and
// its redirect URI and post-logout redirect URI, and a JSON file of accounts ({"login": {"email": ..., "groups": [...]}}) that is read
// again on every login, so a test can change someone's groups between two logins. The development
// login page accepts any password: the tests are about what the app does with the provider's answer.
import { readFileSync } from 'node:fs';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.OIDC_CLIENT_ID,
    client_secret: process.env.OIDC_CLIENT_SECRET,
    redirect_uris: [process.env.OIDC_REDIRECT_URI],
    // Where the app asks to come back after RP-initiated logout (its login page).
    post_logout_redirect_uris: process.env.OIDC_POST_LOGOUT_REDIRECT_URI ? [process.env.OIDC_POST_LOGOUT_REDIRECT_URI] : [],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    groups: ['groups'],
  },
  scopes: ['openid', 'email', 'profile', 'groups'],
  cookies: { keys: ['test-only-cookie-key'] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    const accounts = JSON.parse(readFileSync(process.env.OIDC_ACCOUNTS_FILE, 'utf8'));
    const account = accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        return { sub: id, email_verified: true, ...account };
      },
    };
  },
});
provider.proxy = false;

provider.listen(port, '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});
