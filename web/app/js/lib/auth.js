// Sign-in with keycloak-js: authorization code + PKCE (S256), silent session check in a hidden frame of this
// origin, token refreshed before it expires, logout back to the start page.
import Keycloak from '../../vendor/keycloak.js';

export async function createAuth(config, lang) {
  const keycloak = new Keycloak({ url: config.keycloakUrl, realm: config.realm, clientId: config.clientId });
  let authenticated = false;
  try {
    authenticated = await keycloak.init({
      onLoad: 'check-sso',
      pkceMethod: 'S256',
      responseMode: 'fragment',
      checkLoginIframe: false,
      silentCheckSsoRedirectUri: `${location.origin}/silent-check-sso.html`,
    });
  } catch (e) {
    console.warn('Keycloak is not reachable', e);
  }
  keycloak.onTokenExpired = () => keycloak.updateToken(30).catch(() => keycloak.login());
  return {
    keycloak,
    get authenticated() {
      return authenticated && !!keycloak.token;
    },
    login: (redirectUri = location.href) => keycloak.login({ redirectUri, locale: lang() }),
    logout: () => keycloak.logout({ redirectUri: `${location.origin}/` }),
    /** A token valid for at least 30 more seconds (refreshed silently with the refresh token when needed). */
    async token() {
      try {
        await keycloak.updateToken(30);
      } catch {
        keycloak.login();
        throw new Error('session ended');
      }
      return keycloak.token;
    },
    user() {
      const t = keycloak.tokenParsed ?? {};
      return {
        username: t.preferred_username,
        name: t.name ?? t.preferred_username,
        roles: t.realm_access?.roles ?? [],
        office: t.office ?? null,
      };
    },
  };
}
