package org.satupintu.application.web;

import org.satupintu.application.review.ApplicationQueries;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.web.config.EnableSpringDataWebSupport;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Pages are serialised as {@code {content, page:{number,size,totalElements,totalPages}}}, as API.md says, and
 * paging parameters are checked strictly.
 */
@Configuration(proxyBeanMethods = false)
@EnableSpringDataWebSupport(pageSerializationMode = EnableSpringDataWebSupport.PageSerializationMode.VIA_DTO)
class WebConfiguration implements WebMvcConfigurer {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PagingParameters(ApplicationQueries.SORTABLE, 100));
    }
}
