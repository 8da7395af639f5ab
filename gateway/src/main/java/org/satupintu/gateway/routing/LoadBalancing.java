package org.satupintu.gateway.routing;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Spring Cloud LoadBalancer for the {@code lb://<service>} routes: the instances are the static list of
 * {@code spring.cloud.discovery.client.simple.instances.<service>} (application.yml), round robin over those whose
 * readiness answered 200 at the last health check ({@code spring.cloud.loadbalancer.health-check.*}).
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = InstanceSuppliers.class)
class LoadBalancing {

    /** The health checks' HTTP client (the load balancer's health-check supplier needs a WebClient.Builder). */
    @Bean
    @ConditionalOnMissingBean
    WebClient.Builder webClientBuilder() {
        return WebClient.builder();
    }
}
