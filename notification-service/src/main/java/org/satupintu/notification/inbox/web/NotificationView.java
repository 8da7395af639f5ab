package org.satupintu.notification.inbox.web;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.satupintu.notification.inbox.Notification;

/** A notification as API.md shows it: rendered title and body in the recipient's language. */
public record NotificationView(String id, String eventType, String applicationId, @Nullable String registrationNumber,
        String title, String body, String locale, Instant createdAt, @Nullable Instant readAt) {

    static NotificationView of(Notification n) {
        return new NotificationView(n.id(), n.eventType(), n.applicationId(), n.registrationNumber(), n.title(),
                n.body(), n.locale(), n.createdAt(), n.readAt());
    }
}
