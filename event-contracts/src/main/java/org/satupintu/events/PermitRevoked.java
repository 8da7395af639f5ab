package org.satupintu.events;

/** {@code satupintu.application.revoked.v1}: the permit was revoked ({@code revokedAt}, the reason in {@code comment}). */
public record PermitRevoked(ApplicationEventData data) implements ApplicationEvent {
}
