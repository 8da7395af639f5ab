/** HTTP edge of the inbox: list, mark read and the Server-Sent Events stream. */
@NullMarked
package org.satupintu.notification.inbox.web;

import org.jspecify.annotations.NullMarked;
