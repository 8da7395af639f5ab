package org.satupintu.notification.inbox.web;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

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
 * Live Server-Sent Events per connected client. MongoDB is the source of truth, not in-process messages: the open
 * streams are polled for notifications after their cursors (about every second, and at once when this replica stored
 * one), so a notification stored by any replica reaches a client connected to any other. Streams of the same
 * recipients share one store query per round. Because two replicas may commit sequence numbers out of order,
 * recently created ones are checked again for a short grace period.
 * <p>
 * Limits: a user holds at most {@code max-per-user} streams (3); opening one more ends the user's oldest stream (a
 * phone that went to sleep with a stream open must not lock its owner out). A stream ends when the access token it
 * was opened with expires, and after {@code max-age}; the client reconnects with a fresh token and
 * {@code Last-Event-ID}.
 */
@Component
class NotificationStream {

    private static final Logger log = LoggerFactory.getLogger(NotificationStream.class);
    private static final int BATCH = 100;
    private static final Duration GRACE = Duration.ofSeconds(10);

    private final Inbox inbox;
    private final Clock clock;
    private final Duration maxAge;
    private final int maxPerUser;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ExecutorService signalled = Executors.newSingleThreadExecutor(r -> new Thread(r, "sse-signal"));
    private final AtomicBoolean pending = new AtomicBoolean();

    NotificationStream(Inbox inbox, Clock clock,
            @Value("${satupintu.notifications.stream.max-age:30m}") Duration maxAge,
            @Value("${satupintu.notifications.stream.max-per-user:3}") int maxPerUser) {
        this.inbox = inbox;
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxPerUser = maxPerUser;
        inbox.onStored(this::signal);
    }

    private final class Connection {
        final String owner;
        final List<String> recipients;
        final SseEmitter emitter;
        final long startSeq;
        final Instant openedAt;
        final @Nullable Instant expiresAt;
        final Map<String, Instant> sent = new HashMap<>();
        long cursor;
        volatile boolean closed;

        Connection(String owner, List<String> recipients, SseEmitter emitter, long cursor, Instant openedAt,
                @Nullable Instant expiresAt) {
            this.owner = owner;
            this.recipients = List.copyOf(recipients);
            this.emitter = emitter;
            this.cursor = cursor;
            this.startSeq = cursor;
            this.openedAt = openedAt;
            this.expiresAt = expiresAt;
        }

        /** Sends what this stream has not seen of what the shared query found. */
        synchronized void deliver(List<Notification> after, List<Notification> recent, Instant now) {
            if (closed) {
                return;
            }
            try {
                for (Notification n : after) {
                    if (n.seq() > cursor) {
                        send(n);
                    }
                }
                for (Notification n : recent) {
                    if (n.seq() > startSeq && !sent.containsKey(n.id())) {
                        send(n);
                    }
                }
                sent.values().removeIf(at -> at.isBefore(now.minus(GRACE.multipliedBy(3))));
            }
            catch (IOException | IllegalStateException e) {
                close();
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

        boolean over(Instant now) {
            return openedAt.plus(maxAge).isBefore(now) || (expiresAt != null && !expiresAt.isAfter(now));
        }

        void close() {
            closed = true;
            connections.remove(this);
        }

        /** Ends the stream from this side; the client may reconnect. */
        void end() {
            close();
            try {
                emitter.complete();
            }
            catch (IllegalStateException e) {
                // already completed
            }
        }
    }

    /**
     * @param owner the user the stream belongs to (the token's subject), for the per-user limit
     * @param expiresAt when the access token expires; the stream ends then
     */
    SseEmitter open(String owner, List<String> recipients, @Nullable Long resumeAfter, @Nullable Instant expiresAt) {
        Instant now = clock.instant();
        // A little longer than maxAge: we end it ourselves and the client reconnects with Last-Event-ID.
        SseEmitter emitter = new SseEmitter(maxAge.plusMinutes(1).toMillis());
        long cursor = resumeAfter != null ? resumeAfter : inbox.currentSeq();
        Connection connection = new Connection(owner, recipients, emitter, cursor, now, expiresAt);
        emitter.onCompletion(connection::close);
        emitter.onTimeout(connection::close);
        emitter.onError(e -> connection.close());
        synchronized (this) {
            List<Connection> own = connections.stream().filter(c -> c.owner.equals(owner))
                    .sorted(Comparator.comparing((Connection c) -> c.openedAt)).toList();
            for (int i = 0; i <= own.size() - maxPerUser; i++) {
                own.get(i).end();
            }
            connections.add(connection);
        }
        try {
            emitter.send(SseEmitter.event().comment("connected").reconnectTime(2000));
        }
        catch (IOException e) {
            connection.close();
            return emitter;
        }
        push(List.of(connection), now);
        return emitter;
    }

    /** How many streams this instance holds for a user. */
    int openStreams(String owner) {
        return (int) connections.stream().filter(c -> c.owner.equals(owner)).count();
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
            if (c.over(now)) {
                c.end();
            }
        }
        pushAll();
    }

    @Scheduled(fixedDelayString = "${satupintu.notifications.stream.heartbeat:15s}")
    void heartbeat() {
        connections.forEach(Connection::heartbeat);
    }

    private void pushAll() {
        Instant now = clock.instant();
        connections.stream().collect(Collectors.groupingBy(c -> c.recipients)).values()
                .forEach(group -> push(group, now));
    }

    /** One query for streams with the same recipients, from the oldest cursor among them. */
    private void push(List<Connection> group, Instant now) {
        List<String> recipients = group.get(0).recipients;
        long from = group.stream().mapToLong(c -> c.cursor).min().orElse(0);
        try {
            List<Notification> after = inbox.after(recipients, from, BATCH);
            List<Notification> recent = inbox.createdSince(recipients, now.minus(GRACE), BATCH);
            group.forEach(c -> c.deliver(after, recent, now));
        }
        catch (RuntimeException e) {
            log.warn("Live stream poll failed, will retry: {}", e.toString());
        }
    }

    /** Before graceful shutdown waits for open requests: end the streams, clients reconnect elsewhere. */
    @org.springframework.context.event.EventListener(org.springframework.context.event.ContextClosedEvent.class)
    void shutdown() {
        connections.forEach(Connection::end);
        signalled.shutdownNow();
    }
}
