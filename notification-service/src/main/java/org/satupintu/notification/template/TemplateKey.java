package org.satupintu.notification.template;

import org.satupintu.notification.delivery.Channel;

/**
 * Which template: a situation ({@code submitted}, {@code revision-requested}, …), the audience it is written for
 * ({@code applicant}, {@code officer}, {@code supervisor}), the channel and the language.
 */
public record TemplateKey(String situation, String audience, Channel channel, Language language) {

    String prefix() {
        return situation + "." + audience + "." + channel.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return language.code() + ":" + prefix();
    }
}
