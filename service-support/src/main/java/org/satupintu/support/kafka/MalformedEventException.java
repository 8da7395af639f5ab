package org.satupintu.support.kafka;

/** A record that can never be processed, however often it is retried: it goes straight to the dead letters. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
