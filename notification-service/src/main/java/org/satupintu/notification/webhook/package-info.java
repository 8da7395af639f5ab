/** Signed webhooks for regional-office systems: subscriptions, signing, target checks against SSRF. */
@NullMarked
package org.satupintu.notification.webhook;

import org.jspecify.annotations.NullMarked;
