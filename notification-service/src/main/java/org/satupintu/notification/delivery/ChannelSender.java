package org.satupintu.notification.delivery;

import org.jspecify.annotations.Nullable;

/** Sends one delivery over its channel (email, SMS, webhook); throws when it did not arrive. */
public interface ChannelSender {

    Channel channel();

    /** @return the target's status code where there is one (HTTP), else null */
    @Nullable Integer send(Delivery delivery) throws DeliveryException;
}
