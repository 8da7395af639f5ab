package org.satupintu.notification.webhook.web;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** {@code POST /api/webhooks}: where to send and which event types; an admin also names the office. */
record WebhookRequest(@NotBlank @Size(max = 2048) String url,
        @NotEmpty @Size(max = 20) List<@NotBlank String> eventTypes, @Nullable @Size(max = 64) String officeCode) {
}
