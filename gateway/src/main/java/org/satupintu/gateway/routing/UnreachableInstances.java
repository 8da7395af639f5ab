package org.satupintu.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.stereotype.Component;

/**
 * Instances whose connection just failed (refused, or closed before an answer: a process killed), left out of the
 * load balancer's choice for twice the health-check interval, until the health check has had its say. Without it,
 * calls keep going to a killed instance until the next health check, and a retry may pick the same one again.
 * Never leaves a service without an instance: if every instance failed, all are offered.
 */
@Component
class UnreachableInstances {

    private final Map<String, Long> failedAt = new ConcurrentHashMap<>();
    private final long holdNanos;

    UnreachableInstances(@Value("${spring.cloud.loadbalancer.health-check.interval:2s}") Duration healthCheckInterval) {
        this.holdNanos = healthCheckInterval.multipliedBy(2).toNanos();
    }

    void failed(URI instance) {
        failedAt.put(key(instance), System.nanoTime());
    }

    List<ServiceInstance> without(List<ServiceInstance> instances) {
        if (failedAt.isEmpty()) {
            return instances;
        }
        long now = System.nanoTime();
        List<ServiceInstance> reachable = instances.stream().filter(i -> {
            Long at = failedAt.get(key(i.getUri()));
            return at == null || now - at > holdNanos;
        }).toList();
        return reachable.isEmpty() ? instances : reachable;
    }

    private static String key(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }
}
