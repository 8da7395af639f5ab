package org.satupintu.notification.template;

/** A template filled in: a title (inbox title, email subject; empty for SMS) and a body. */
public record RenderedMessage(String title, String body) {
}
