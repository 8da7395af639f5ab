package org.satupintu.events;

import java.util.Map;

/**
 * The CloudEvents {@code source} of each producing service, and which topic each one owns. A consumer trusts an
 * event only when its source is the owner of the topic it arrived on (ARCHITECTURE.md, trust between services).
 */
public final class EventSources {

    public static final String APPLICATION_SERVICE = "/satupintu/application-service";
    public static final String DOCUMENT_SERVICE = "/satupintu/document-service";
    public static final String NOTIFICATION_SERVICE = "/satupintu/notification-service";

    private static final Map<String, String> OWNER_BY_TOPIC = Map.of(Topics.APPLICATION_EVENTS, APPLICATION_SERVICE,
            Topics.DOCUMENT_EVENTS, DOCUMENT_SERVICE, Topics.NOTIFICATION_EVENTS, NOTIFICATION_SERVICE);

    private EventSources() {
    }

    /** The source that alone publishes to a topic. */
    public static String ownerOf(String topic) {
        String owner = OWNER_BY_TOPIC.get(topic);
        if (owner == null) {
            throw new IllegalArgumentException("Not a SatuPintu topic: " + topic);
        }
        return owner;
    }
}
