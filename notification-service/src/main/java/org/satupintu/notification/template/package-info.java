/** Message templates per situation, audience, channel and language (Bahasa Indonesia default, English), checked at start-up. */
@NullMarked
package org.satupintu.notification.template;

import org.jspecify.annotations.NullMarked;
