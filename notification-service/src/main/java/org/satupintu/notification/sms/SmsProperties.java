package org.satupintu.notification.sms;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SMS provider: without a {@code url} messages go to the log (local default). Otherwise each message is POSTed
 * to {@code url} with {@code bodyTemplate}, where {@code {to}} (E.164) and {@code {message}} are replaced,
 * JSON-escaped for a JSON content type and URL-encoded for a form; {@code authorization} is sent as the
 * Authorization header if set.
 */
@ConfigurationProperties("satupintu.sms")
public record SmsProperties(@Nullable String url,
        @DefaultValue("{\"to\":\"{to}\",\"message\":\"{message}\"}") String bodyTemplate,
        @DefaultValue("application/json") String contentType, @Nullable String authorization,
        @DefaultValue("10s") Duration timeout) {
}
