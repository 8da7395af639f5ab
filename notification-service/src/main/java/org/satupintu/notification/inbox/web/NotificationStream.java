package org.satupintu.notification.inbox.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.satupintu.notification.inbox.Inbox;
import org.satupintu.notification.inbox.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live Server-Sent Events per connected client. MongoDB is the source of truth, not in-process messages: each
 * connection polls for notifications after its cursor (about every second, and at once when this replica stored
 * one), so a notification stored by any replica reaches a client connected to any other. Because two replicas may
 * commit sequence numbers out of order, recently created ones are checked again for a short grace period.
 */
@Component
class NotificationStream {

    private static final Logger log = LoggerFactory.getLogger(NotificationStream.class);
    private static final int BATCH = 100;
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final Inbox inbox;
    private final Clock clock;
    private final Duration maxAge;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ExecutorService signalled = Executors.newSingleThreadExecutor(r -> new Thread(r, "sse-signal"));
    private final AtomicBoolean pending = new AtomicBoolean();

    NotificationStream(Inbox inbox, Clock clock,
            @Value("${satupintu.notifications.stream.max-age:30m}") Duration maxAge) {
        this.inbox = inbox;
        this.clock = clock;
        this.maxAge = maxAge;
        inbox.onStored(this::signal);
    }

    private final class Connection {
        final List<String> recipients;
        final SseEmitter emitter;
        final long startSeq;
        final Instant openedAt;
        final Map<String, Instant> sent = new HashMap<>();
        long cursor;
        volatile boolean closed;

        Connection(List<String> recipients, SseEmitter emitter, long cursor, Instant openedAt) {
            this.recipients = recipients;
            this.emitter = emitter;
            this.cursor = cursor;
            this.startSeq = cursor;
            this.openedAt = openedAt;
        }

        synchronized void push() {
            if (closed) {
                return;
            }
            Instant now = clock.instant();
            try {
                for (Notification n : inbox.after(recipients, cursor, BATCH)) {
                    send(n);
                }
                for (Notification n : inbox.createdSince(recipients, now.minus(GRACE), BATCH)) {
                    if (n.seq() > startSeq && !sent.containsKey(n.id())) {
                        send(n);
                    }
                }
                sent.values().removeIf(at -> at.isBefore(now.minus(GRACE.multipliedBy(3))));
            }
            catch (IOException | IllegalStateException e) {
                close();
            }
            catch (RuntimeException e) {
                log.warn("Live stream poll failed, will retry: {}", e.toString());
            }
        }

        private void send(Notification n) throws IOException {
            if (sent.containsKey(n.id())) {
                cursor = Math.max(cursor, n.seq());
                return;
            }
            emitter.send(SseEmitter.event().id(Long.toString(n.seq())).name("notification")
                    .data(NotificationView.of(n), MediaType.APPLICATION_JSON));
            sent.put(n.id(), clock.instant());
            cursor = Math.max(cursor, n.seq());
        }

        synchronized void heartbeat() {
            if (closed) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().comment("keep-alive"));
            }
            catch (IOException | IllegalStateException e) {
                close();
            }
        }

        void close() {
            closed = true;
            connections.remove(this);
        }
    }

    SseEmitter open(List<String> recipients, @Nullable Long resumeAfter) {
        // A little longer than maxAge: we end it ourselves and the client reconnects with Last-Event-ID.
        SseEmitter emitter = new SseEmitter(maxAge.plusMinutes(1).toMillis());
        long cursor = resumeAfter != null ? resumeAfter : inbox.currentSeq();
        Connection connection = new Connection(recipients, emitter, cursor, clock.instant());
        emitter.onCompletion(connection::close);
        emitter.onTimeout(connection::close);
        emitter.onError(e -> connection.close());
        connections.add(connection);
        try {
            emitter.send(SseEmitter.event().comment("connected").reconnectTime(2000));
        }
        catch (IOException e) {
            connection.close();
            return emitter;
        }
        connection.push();
        return emitter;
    }

    /** Something new was stored here: poll now instead of waiting for the next tick. */
    void signal() {
        if (!connections.isEmpty() && pending.compareAndSet(false, true)) {
            signalled.execute(() -> {
                pending.set(false);
                pushAll();
            });
        }
    }

    @Scheduled(fixedDelayString = "${satupintu.notifications.stream.poll-interval:1s}")
    void poll() {
        Instant now = clock.instant();
        for (Connection c : connections) {
            if (c.openedAt.plus(maxAge).isBefore(now)) {
                c.close();
                c.emitter.complete();
            }
        }
        pushAll();
    }

    @Scheduled(fixedDelayString = "${satupintu.notifications.stream.heartbeat:15s}")
    void heartbeat() {
        connections.forEach(Connection::heartbeat);
    }

    private void pushAll() {
        connections.forEach(Connection::push);
    }

    /** Before graceful shutdown waits for open requests: end the streams, clients reconnect elsewhere. */
    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    void shutdown() {
        connections.forEach(c -> {
            c.close();
            c.emitter.complete();
        });
        signalled.shutdownNow();
    }
}
