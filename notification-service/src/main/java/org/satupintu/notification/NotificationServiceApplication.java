package org.satupintu.notification;

import java.util.Set;

import org.satupintu.events.EventCodec;
import org.satupintu.support.web.PagingPolicy;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import tools.jackson.databind.json.JsonMapper;

/** SatuPintu notification-service. Shared plumbing comes from service-support; this wires what is its own. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class NotificationServiceApplication {

    /** The inbox sorts by these fields; other lists keep their own order. 2000: Spring Data's page-size ceiling. */
    @Bean
    PagingPolicy pagingPolicy() {
        return new PagingPolicy(Set.of("createdAt", "readAt", "eventType"), 2000);
    }

    @Bean
    EventCodec eventCodec(JsonMapper json) {
        return new EventCodec(json);
    }

    public static void main(String[] args) {
        SpringApplication.run(NotificationServiceApplication.class, args);
    }
}
