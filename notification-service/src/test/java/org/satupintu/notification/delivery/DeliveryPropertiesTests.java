package org.satupintu.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class DeliveryPropertiesTests {

    @Test
    void backoffGrowsExponentiallyUpToTheCap() {
        DeliveryProperties p = new DeliveryProperties(Duration.ofSeconds(1), Duration.ofMinutes(2), 50, 8,
                Duration.ofSeconds(30), 2.0, Duration.ofMinutes(30), Duration.ofHours(24), 2, Duration.ofMillis(300),
                Duration.ofSeconds(30), Duration.ofMinutes(5));
        assertThat(p.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.backoffAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.backoffAfter(4)).isEqualTo(Duration.ofSeconds(240));
        assertThat(p.backoffAfter(20)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void theDeduplicationKeyIsStablePerEventRecipientAndChannel() {
        String a = DeliveryLog.idOf("e1", "user:ani", Channel.EMAIL);
        assertThat(DeliveryLog.idOf("e1", "user:ani", Channel.EMAIL)).isEqualTo(a);
        assertThat(DeliveryLog.idOf("e1", "user:ani", Channel.SMS)).isNotEqualTo(a);
        assertThat(DeliveryLog.idOf("e2", "user:ani", Channel.EMAIL)).isNotEqualTo(a);
    }
}
