/** The OAuth2 resource server: token checks, Keycloak roles, the caller, 401/403 as problem JSON. */
@NullMarked
package org.satupintu.support.security;

import org.jspecify.annotations.NullMarked;
