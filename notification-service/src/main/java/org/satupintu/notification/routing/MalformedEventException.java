package org.satupintu.notification.routing;

/** A record that can never be processed, however often it is retried: it goes straight to the dead letters. */
class MalformedEventException extends RuntimeException {

    MalformedEventException(String message) {
        super(message);
    }
}
