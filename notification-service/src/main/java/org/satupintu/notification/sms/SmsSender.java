package org.satupintu.notification.sms;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import org.satupintu.notification.delivery.Channel;
import org.satupintu.notification.delivery.ChannelSender;
import org.satupintu.notification.delivery.Delivery;
import org.satupintu.notification.delivery.Redaction;
import org.satupintu.notification.delivery.DeliveryException;
import org.satupintu.notification.delivery.Guard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends SMS deliveries through the configured HTTP provider, or logs them when none is configured. A provider's
 * 5xx, 429 or timeout is retried later; another 4xx means the request itself is wrong and is not retried.
 */
@Component
class SmsSender implements ChannelSender {

    private static final Logger log = LoggerFactory.getLogger(SmsSender.class);

    private final SmsProperties properties;
    private final Guard guard;
    private final HttpClient http;

    SmsSender(SmsProperties properties, Guard guard) {
        this.properties = properties;
        this.guard = guard;
        this.http = HttpClient.newBuilder().connectTimeout(properties.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public @Nullable Integer send(Delivery delivery) throws DeliveryException {
        String url = properties.url();
        if (url == null || url.isBlank()) {
            log.info("SMS (log sink, no provider configured) to {}: {}", Redaction.mask(delivery.address()),
                    Redaction.body(delivery.body()));
            return null;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(properties.timeout())
                .header("Content-Type", properties.contentType())
                .POST(HttpRequest.BodyPublishers.ofString(body(delivery.address(), delivery.body())));
        if (properties.authorization() != null && !properties.authorization().isBlank()) {
            request.header("Authorization", properties.authorization());
        }
        int[] status = new int[1];
        guard.run("sms", () -> {
            try {
                status[0] = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            }
            catch (IOException e) {
                throw DeliveryException.temporary("SMS provider unreachable: " + e, null);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DeliveryException.temporary("interrupted", null);
            }
            if (status[0] >= 500 || status[0] == 429 || status[0] == 408) {
                throw DeliveryException.temporary("SMS provider answered " + status[0], status[0]);
            }
            if (status[0] >= 300) {
                throw new DeliveryException("SMS provider refused the message: " + status[0], true, status[0], null);
            }
        });
        return status[0];
    }

    String body(String to, String message) {
        boolean json = properties.contentType().contains("json");
        return properties.bodyTemplate().replace("{to}", encode(to, json)).replace("{message}", encode(message, json));
    }

    private static String encode(String value, boolean json) {
        if (!json) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
