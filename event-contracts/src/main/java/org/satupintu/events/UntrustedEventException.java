package org.satupintu.events;

/**
 * An event whose source does not own the topic it arrived on, or whose type belongs to another topic: never acted
 * on, dead-lettered without retries for an operator to look at.
 */
public class UntrustedEventException extends EventFormatException {

    public UntrustedEventException(String message) {
        super(message);
    }
}
