package org.satupintu.notification.template;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The templates shipped in {@code src/main/resources/templates}. */
@Configuration(proxyBeanMethods = false)
class TemplateConfiguration {

    @Bean
    TemplateCatalog templateCatalog() {
        return TemplateCatalog.fromClasspath("templates");
    }
}
