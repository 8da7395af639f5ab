/** HTTP edge of webhook subscriptions and their delivery log. */
@NullMarked
package org.satupintu.notification.webhook.web;

import org.jspecify.annotations.NullMarked;
