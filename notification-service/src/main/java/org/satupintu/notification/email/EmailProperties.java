package org.satupintu.notification.email;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Email settings beyond {@code spring.mail.*} (host, port, credentials): the sender shown to applicants. */
@ConfigurationProperties("satupintu.email")
public record EmailProperties(@DefaultValue("SatuPintu <noreply@satupintu.local>") String from) {
}
