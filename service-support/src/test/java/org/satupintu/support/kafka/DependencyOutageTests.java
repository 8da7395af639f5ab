package org.satupintu.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.satupintu.support.ServiceSupportProperties;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOffExecution;

class DependencyOutageTests {

    static class ServiceAway extends RuntimeException implements DependencyOutage {
    }

    @Test
    void anOutageIsRecognisedThroughTheListenersWrapping() {
        assertThat(DependencyOutage.causes(new ListenerExecutionFailedException("listener failed",
                new IllegalStateException("wrapped", new ServiceAway())))).isTrue();
        assertThat(DependencyOutage.causes(new ListenerExecutionFailedException("listener failed",
                new IllegalStateException("a bad record")))).isFalse();
        assertThat(DependencyOutage.causes(null)).isFalse();
    }

    @Test
    void anOutageIsRetriedWithAGrowingCappedWaitForTheConfiguredTimeThenGivenUp() {
        ServiceSupportProperties.Kafka settings = new ServiceSupportProperties.Kafka(3, Duration.ofMillis(500),
                Duration.ofSeconds(4), Duration.ofSeconds(30));
        BackOffExecution execution = DependencyOutage.backOff(settings).start();
        List<Long> waits = new ArrayList<>();
        for (long wait; (wait = execution.nextBackOff()) != BackOffExecution.STOP;) {
            waits.add(wait);
            assertThat(waits).hasSizeLessThan(100);
        }
        assertThat(waits.subList(0, 4)).containsExactly(500L, 1000L, 2000L, 4000L);
        assertThat(waits).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(4000L));
        // Far more than the three retries of a bad record: about 30 s of waiting in all.
        assertThat(waits).hasSizeGreaterThan(3);
        assertThat(waits.stream().mapToLong(Long::longValue).sum()).isBetween(26_000L, 34_000L);
    }
}
