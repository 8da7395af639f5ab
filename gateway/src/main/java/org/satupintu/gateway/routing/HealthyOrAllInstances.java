package org.satupintu.gateway.routing;

import java.util.List;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/**
 * The instances that passed the last health check, or every configured instance when none did, less those whose
 * connection just failed ({@link UnreachableInstances}). A health check that
 * timed out on a busy machine must not leave a service with no instance at all: calls then go to every instance,
 * and the route's breaker and fallback answer for the dead ones, as with one instance before load balancing.
 */
final class HealthyOrAllInstances implements ServiceInstanceListSupplier, InitializingBean, DisposableBean {

    private final ServiceInstanceListSupplier all;
    private final ServiceInstanceListSupplier healthy;
    private final UnreachableInstances unreachable;

    HealthyOrAllInstances(ServiceInstanceListSupplier all, ServiceInstanceListSupplier healthy,
            UnreachableInstances unreachable) {
        this.all = all;
        this.healthy = healthy;
        this.unreachable = unreachable;
    }

    @Override
    public String getServiceId() {
        return all.getServiceId();
    }

    @Override
    public Flux<List<ServiceInstance>> get() {
        return Flux.combineLatest(all.get(), healthy.get(),
                (every, alive) -> unreachable.without(alive.isEmpty() ? every : alive));
    }

    /** The health checks run on their own schedule from start-up (the wrapped supplier is not a bean itself). */
    @Override
    public void afterPropertiesSet() throws Exception {
        if (healthy instanceof InitializingBean bean) {
            bean.afterPropertiesSet();
        }
    }

    @Override
    public void destroy() throws Exception {
        if (healthy instanceof DisposableBean bean) {
            bean.destroy();
        }
    }
}
