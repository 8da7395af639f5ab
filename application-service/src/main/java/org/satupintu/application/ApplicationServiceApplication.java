package org.satupintu.application;

import java.util.List;

import org.satupintu.application.workflow.ApplicationQueries;
import org.satupintu.application.workflow.OutboxEvent;
import org.satupintu.application.workflow.PermitApplication;
import org.satupintu.events.EventCodec;
import org.satupintu.events.EventSources;
import org.satupintu.events.Topics;
import org.satupintu.support.outbox.OutboxMessage;
import org.satupintu.support.outbox.OutboxSource;
import org.satupintu.support.web.PagingPolicy;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

/** SatuPintu application-service. Shared plumbing comes from service-support; this wires what is its own. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ApplicationServiceApplication {

    /** CloudEvents source of everything this service publishes. */
    public static final String SOURCE = EventSources.APPLICATION_SERVICE;

    /** Application events wait in the application document and go to {@code satupintu.application.events}. */
    @Bean
    OutboxSource<PermitApplication> applicationOutbox() {
        return new OutboxSource<>() {
            @Override
            public Class<PermitApplication> aggregateType() {
                return PermitApplication.class;
            }

            @Override
            public Class<? extends OutboxMessage> messageType() {
                return OutboxEvent.class;
            }

            @Override
            public String topic() {
                return Topics.APPLICATION_EVENTS;
            }

            @Override
            public String source() {
                return SOURCE;
            }

            @Override
            public String key(PermitApplication application) {
                return application.id();
            }

            @Override
            public List<OutboxEvent> pending(PermitApplication application) {
                return application.outbox();
            }
        };
    }

    @Bean
    PagingPolicy pagingPolicy() {
        return new PagingPolicy(ApplicationQueries.SORTABLE, 100);
    }

    @Bean
    EventCodec eventCodec(JsonMapper json) {
        return new EventCodec(json);
    }

    public static void main(String[] args) {
        SpringApplication.run(ApplicationServiceApplication.class, args);
    }
}
