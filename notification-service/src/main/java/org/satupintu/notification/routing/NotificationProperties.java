package org.satupintu.notification.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code webBaseUrl}: where links in messages point (the web app behind the gateway); {@code staffLocale}: the
 * language of office staff notifications (there is no user directory to ask); {@code zone}: the offices' time zone,
 * in which due dates and expiry dates are written in messages.
 */
@ConfigurationProperties("satupintu.notifications")
public record NotificationProperties(@DefaultValue("http://localhost:8080") String webBaseUrl,
        @DefaultValue("id") String staffLocale, @DefaultValue("Asia/Makassar") java.time.ZoneId zone) {
}
