package org.satupintu.notification.delivery;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends what the delivery log says is due: claims one delivery at a time with a lease (findAndModify, so several
 * replicas never send the same one), sends it on a virtual thread (at most {@code concurrency} at once), and
 * records the outcome. Runs every {@code pollInterval} and at once when new deliveries were enqueued here. Also
 * publishes the failure events of deliveries that gave up.
 */
@Component
public class DeliveryDispatcher {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final DeliveryLog deliveries;
    private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
    private final List<DeliveryObserver> observers;
    private final DeliveryFailurePublisher failures;
    private final DeliveryProperties properties;
    private final ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "delivery-dispatch"));
    private final ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore slots;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean stopped;

    DeliveryDispatcher(DeliveryLog deliveries, List<ChannelSender> senders, List<DeliveryObserver> observers,
            DeliveryFailurePublisher failures, DeliveryProperties properties) {
        this.deliveries = deliveries;
        senders.forEach(s -> this.senders.put(s.channel(), s));
        this.observers = observers;
        this.failures = failures;
        this.properties = properties;
        this.slots = new Semaphore(Math.max(1, properties.concurrency()));
    }

    /** Dispatch soon, without making the caller (e.g. the Kafka consumer) wait for any send. */
    public void wakeUp() {
        if (!stopped && scheduled.compareAndSet(false, true)) {
            loop.execute(() -> {
                scheduled.set(false);
                dispatchDue();
            });
        }
    }

    @Scheduled(fixedDelayString = "${satupintu.delivery.poll-interval:1s}")
    void poll() {
        wakeUp();
    }

    void dispatchDue() {
        try {
            List<Delivery> claimed = deliveries.claimDue(properties.batch());
            for (Delivery due : claimed) {
                if (stopped) {
                    break;
                }
                slots.acquire();
                sending.execute(() -> {
                    try {
                        attempt(due);
                    }
                    finally {
                        slots.release();
                    }
                });
            }
            if (claimed.size() == properties.batch()) {
                wakeUp(); // more may be due: go on without waiting for the next tick
            }
            Delivery failed;
            while (!stopped && (failed = deliveries.claimUnreported()) != null) {
                if (!failures.publish(failed)) {
                    break; // Kafka away: the lease runs out and we try again later
                }
                deliveries.markReported(failed.id());
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (RuntimeException e) {
            log.warn("Delivery dispatch round failed, will retry: {}", e.toString());
        }
    }

    void attempt(Delivery delivery) {
        ChannelSender sender = senders.get(delivery.channel());
        try {
            if (sender == null) {
                throw DeliveryException.permanent("no sender for channel " + delivery.channel());
            }
            deliveries.markSent(delivery, sender.send(delivery));
            observers.forEach(o -> o.delivered(delivery));
        }
        catch (DeliveryException e) {
            DeliveryStatus status = deliveries.markFailed(delivery, e);
            log.info("Delivery {} ({} to {}) failed, now {}: {}", delivery.id(), delivery.channel(),
                    Redaction.mask(delivery.recipient()), status, Redaction.mask(e.getMessage()));
            observers.forEach(o -> o.failed(delivery, e));
            if (status == DeliveryStatus.FAILED_PERMANENT) {
                wakeUp();
            }
        }
        catch (RuntimeException e) {
            log.warn("Delivery {} hit an unexpected error", delivery.id(), e);
            deliveries.markFailed(delivery, DeliveryException.temporary(e.toString(), null));
        }
    }

    @EventListener(ContextClosedEvent.class)
    void stop() {
        stopped = true;
        loop.shutdownNow();
        sending.shutdown();
    }
}
