package org.satupintu.notification.webhook;

/** A webhook URL we will not call: not http(s), malformed, or (in production) an internal address. */
public class InvalidWebhookUrlException extends RuntimeException {

    public InvalidWebhookUrlException(String message) {
        super(message);
    }
}
