/** HTTP edge of the service: controllers, request/response records and problem mapping. */
@NullMarked
package org.satupintu.notification.web;

import org.jspecify.annotations.NullMarked;
