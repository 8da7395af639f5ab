/** In-app notifications: stored per recipient, read by the owner, streamed live. */
@NullMarked
package org.satupintu.notification.inbox;

import org.jspecify.annotations.NullMarked;
