/** The service's OpenAPI document, set up from properties, with the Keycloak login for Swagger UI. */
@NullMarked
package org.satupintu.support.openapi;

import org.jspecify.annotations.NullMarked;
