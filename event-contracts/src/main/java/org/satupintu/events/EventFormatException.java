package org.satupintu.events;

/** A record that is not a usable CloudEvent of this contract: retrying cannot help, it goes to the dead letters. */
public class EventFormatException extends RuntimeException {

    public EventFormatException(String message) {
        super(message);
    }

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
