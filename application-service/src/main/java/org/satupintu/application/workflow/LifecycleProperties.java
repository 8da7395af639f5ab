package org.satupintu.application.workflow;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The permit's life after the decision.
 *
 * @param paymentTerm how long a levy bill may be paid after approval (the SKRD's due date)
 * @param renewalWindow how long before a permit expires its holder may renew it
 */
@ConfigurationProperties("satupintu.lifecycle")
public record LifecycleProperties(@DefaultValue("30d") Duration paymentTerm,
        @DefaultValue("90d") Duration renewalWindow) {

    PermitApplication.Terms terms() {
        return new PermitApplication.Terms(paymentTerm, renewalWindow);
    }
}
