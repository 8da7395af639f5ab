package org.satupintu.application.catalog;

/** What happens when the office misses the SLA of a permit type. */
public enum SlaPolicy {
    /** Only the event: offices see it in the queues. */
    NONE,
    /** Notify the office's supervisors (notification-service reacts to the SLA-breached event). */
    ESCALATE,
    /** Fiktif positif: the permit is deemed granted and issued automatically. */
    AUTO_ISSUE
}
