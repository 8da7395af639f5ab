package org.satupintu.gateway.routing;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import reactor.core.publisher.Flux;

/**
 * The instances that passed the last health check, less those whose connection just failed
 * ({@link UnreachableInstances}). When none passed a round (every check timed out on a busy machine), the instances
 * of the last round that some passed are kept, so a killed instance is not readmitted; before any round passed,
 * every configured instance is offered. A service is never left without an instance: the route's breaker and
 * fallback answer for dead ones, as with one instance before load balancing.
 */
final class HealthyOrAllInstances implements ServiceInstanceListSupplier, InitializingBean, DisposableBean {

    private final ServiceInstanceListSupplier all;
    private final ServiceInstanceListSupplier healthy;
    private final UnreachableInstances unreachable;
    private final AtomicReference<List<ServiceInstance>> lastHealthy = new AtomicReference<>(List.of());

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
        return Flux.combineLatest(all.get(), healthy.get(), (every, alive) -> {
            if (!alive.isEmpty()) {
                lastHealthy.set(alive);
                return unreachable.without(alive);
            }
            List<ServiceInstance> last = lastHealthy.get();
            return unreachable.without(last.isEmpty() ? every : last);
        });
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
