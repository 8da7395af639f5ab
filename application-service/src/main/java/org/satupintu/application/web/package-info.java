/** HTTP edge of the service: controllers, request/response records and problem mapping. */
@NullMarked
package org.satupintu.application.web;

import org.jspecify.annotations.NullMarked;
