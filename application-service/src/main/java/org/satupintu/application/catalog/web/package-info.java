/** HTTP API of the permit-type catalog. */
@NullMarked
package org.satupintu.application.catalog.web;

import org.jspecify.annotations.NullMarked;
