package org.satupintu.gateway.routing;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The instance list of each load-balanced service, in the load balancer's child context of that service (named in
 * {@link LoadBalancing}; deliberately neither a component nor nested in a configuration class, which would make it
 * part of the main context).
 */
class InstanceSuppliers {

    @Bean
    ServiceInstanceListSupplier healthyOrAllInstances(ConfigurableApplicationContext context,
            UnreachableInstances unreachable) {
        ServiceInstanceListSupplier all = ServiceInstanceListSupplier.builder().withDiscoveryClient().build(context);
        ServiceInstanceListSupplier healthy = ServiceInstanceListSupplier.builder().withDiscoveryClient()
                .withHealthChecks().build(context);
        return new HealthyOrAllInstances(all, healthy, unreachable);
    }
}
