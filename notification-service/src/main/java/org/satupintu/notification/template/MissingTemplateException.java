package org.satupintu.notification.template;

import java.util.Collection;

/** Thrown at start-up when a situation the router sends has no template in some language: fail fast, not later. */
public class MissingTemplateException extends IllegalStateException {

    MissingTemplateException(Collection<String> problems) {
        super("Notification templates are incomplete: " + String.join("; ", problems));
    }
}
