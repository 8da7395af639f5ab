/** HTTP API of the permit-type catalog. */
@NullMarked
package org.satupintu.application.permit.web;

import org.jspecify.annotations.NullMarked;
