package org.satupintu.notification.web;

import java.util.Set;

import org.springframework.context.annotation.Configuration;
import org.springframework.data.web.config.EnableSpringDataWebSupport;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Pages are serialised as {@code {content, page:{number,size,totalElements,totalPages}}}, as API.md says, and
 * paging parameters are checked strictly (the inbox sorts by these fields; other lists keep their own order).
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringDataWebSupport(pageSerializationMode = EnableSpringDataWebSupport.PageSerializationMode.VIA_DTO)
class WebConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // 2000: Spring Data's page-size ceiling, which used to be applied silently.
        registry.addInterceptor(new PagingParameters(Set.of("createdAt", "readAt", "eventType"), 2000));
    }
}
