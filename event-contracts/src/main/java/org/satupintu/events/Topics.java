package org.satupintu.events;

import java.util.List;

/** Kafka topic names of the platform. Each topic has a dead-letter topic with the suffix {@value #DEAD_LETTER_SUFFIX}. */
public final class Topics {

    public static final String APPLICATION_EVENTS = "satupintu.application.events";
    public static final String DOCUMENT_EVENTS = "satupintu.document.events";
    public static final String NOTIFICATION_EVENTS = "satupintu.notification.events";

    /** Spring Kafka 4's default dead-letter suffix. */
    public static final String DEAD_LETTER_SUFFIX = "-dlt";

    private Topics() {
    }

    public static List<String> all() {
        return List.of(APPLICATION_EVENTS, DOCUMENT_EVENTS, NOTIFICATION_EVENTS);
    }

    public static String deadLetterOf(String topic) {
        if (!all().contains(topic)) {
            throw new IllegalArgumentException("Not a SatuPintu topic: " + topic);
        }
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** Every topic and its dead-letter topic, in the order they are created at start-up. */
    public static List<String> allWithDeadLetters() {
        return all().stream().flatMap(t -> java.util.stream.Stream.of(t, t + DEAD_LETTER_SUFFIX)).toList();
    }
}
