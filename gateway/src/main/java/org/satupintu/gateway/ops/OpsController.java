package org.satupintu.gateway.ops;

import org.satupintu.events.Topics;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The operators' view of the queues (role {@code ops}): lag, dead letters, and replay. */
@RestController
@RequestMapping("/api/ops")
class OpsController {

    private final QueueInspector inspector;

    OpsController(QueueInspector inspector) {
        this.inspector = inspector;
    }

    @GetMapping("/queues")
    Mono<QueueInspector.Queues> queues() {
        return Mono.fromCallable(inspector::queues).subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(e -> !(e instanceof ResponseStatusException),
                        e -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Kafka is not reachable."));
    }

    @PostMapping("/dead-letters/{topic}/replay")
    Mono<QueueInspector.Replay> replay(@PathVariable String topic) {
        if (!Topics.all().contains(topic)) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "No such topic."));
        }
        return Mono.fromCallable(() -> inspector.replay(topic)).subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(e -> !(e instanceof ResponseStatusException),
                        e -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "Kafka is not reachable."));
    }
}
