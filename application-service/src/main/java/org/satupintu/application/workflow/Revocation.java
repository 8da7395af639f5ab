package org.satupintu.application.workflow;

import java.time.Instant;

/** When, by whom and why an issued permit was revoked. */
public record Revocation(Instant at, String by, String reason) {
}
