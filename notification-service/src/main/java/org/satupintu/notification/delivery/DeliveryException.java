package org.satupintu.notification.delivery;

import org.jspecify.annotations.Nullable;

/**
 * A send did not succeed. {@code permanent}: retrying cannot help (e.g. the address is refused). {@code targetFault}
 * false means the target was not even tried (e.g. its subscription is paused), which must not count against it.
 */
public class DeliveryException extends Exception {

    private final boolean permanent;
    private final boolean targetFault;
    private final @Nullable Integer statusCode;

    public DeliveryException(String message, boolean permanent, @Nullable Integer statusCode,
            @Nullable Throwable cause) {
        this(message, permanent, true, statusCode, cause);
    }

    private DeliveryException(String message, boolean permanent, boolean targetFault, @Nullable Integer statusCode,
            @Nullable Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.targetFault = targetFault;
        this.statusCode = statusCode;
    }

    public static DeliveryException temporary(String message, @Nullable Integer statusCode) {
        return new DeliveryException(message, false, statusCode, null);
    }

    public static DeliveryException permanent(String message) {
        return new DeliveryException(message, true, null, null);
    }

    /** Not tried now, try again later; says nothing about the target. */
    public static DeliveryException postponed(String message) {
        return new DeliveryException(message, false, false, null, null);
    }

    public boolean permanent() {
        return permanent;
    }

    public boolean targetFault() {
        return targetFault;
    }

    public @Nullable Integer statusCode() {
        return statusCode;
    }
}
