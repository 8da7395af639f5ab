package org.satupintu.application.sla;

import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SlaConfiguration {

    @Bean
    WorkingCalendar workingCalendar(SlaProperties properties) {
        return WorkingCalendar.load(properties.zone(), Set.copyOf(properties.extraHolidays()));
    }
}
