package org.satupintu.support;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.swagger.v3.oas.models.OpenAPI;
import org.satupintu.events.EventFormatException;
import org.satupintu.support.health.StoreHealthIndicator;
import org.satupintu.support.health.VersionedSaveIndexes;
import org.satupintu.support.kafka.DependencyOutage;
import org.satupintu.support.kafka.MalformedEventException;
import org.satupintu.support.openapi.OpenApiDocument;
import org.satupintu.support.outbox.OutboxMarkers;
import org.satupintu.support.outbox.OutboxRelay;
import org.satupintu.support.outbox.OutboxSource;
import org.satupintu.support.outbox.OutboxTracing;
import org.satupintu.support.problem.ProblemHandler;
import org.satupintu.support.schedule.SingleRun;
import org.satupintu.support.security.CachingJwtDecoder;
import org.satupintu.support.security.Caller;
import org.satupintu.support.security.ProblemWriter;
import org.satupintu.support.security.PublicPaths;
import org.satupintu.support.web.BodySizeLimitFilter;
import org.satupintu.support.web.PagingParameters;
import org.satupintu.support.web.PagingPolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.web.config.EnableSpringDataWebSupport;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plumbing every SatuPintu servlet service shares (STYLE.md): problem JSON, the resource server, the web edge,
 * store readiness, the OpenAPI document, Kafka error handling and the outbox relay. Every bean backs off when the
 * service declares its own.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration" },
        beforeName = {
                // Before Boot's ProblemDetailsExceptionHandler backs off for ours (it lacks our type and code).
                "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
                "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ServiceSupportProperties.class)
public class ServiceSupportAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean(ProblemHandler.class)
    ProblemHandler problemHandler() {
        return new ProblemHandler();
    }

    /** The resource server: issuer, audience and signature from Boot's decoder; expiry with a small clock skew. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SecurityFilterChain.class)
    @EnableMethodSecurity
    static class ResourceServer {

        @Bean
        @ConditionalOnMissingBean(name = "tokenLifetime")
        OAuth2TokenValidator<Jwt> tokenLifetime(ServiceSupportProperties properties) {
            return new JwtTimestampValidator(properties.security().clockSkew());
        }

        /** Boot's decoder, behind a cache of the tokens it accepted (until each one expires). */
        @Bean
        static BeanPostProcessor cachingJwtDecoder(ObjectProvider<ServiceSupportProperties> properties) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    if (bean instanceof JwtDecoder decoder && !(bean instanceof CachingJwtDecoder)) {
                        int size = properties.getObject().security().tokenCacheSize();
                        return size > 0 ? new CachingJwtDecoder(decoder, size, Clock.systemUTC()) : bean;
                    }
                    return bean;
                }
            };
        }

        @Bean
        @ConditionalOnMissingBean
        ProblemWriter problemWriter(JsonMapper json) {
            return new ProblemWriter(json);
        }

        @Bean
        @ConditionalOnMissingBean
        JwtAuthenticationConverter keycloakRoles() {
            JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
            converter.setJwtGrantedAuthoritiesConverter(jwt -> Caller.realmRoles(jwt).stream()
                    .<GrantedAuthority>map(role -> new SimpleGrantedAuthority(role.authority())).toList());
            return converter;
        }

        @Bean
        @ConditionalOnMissingBean(SecurityFilterChain.class)
        SecurityFilterChain api(HttpSecurity http, ProblemWriter problems, JwtAuthenticationConverter roles,
                ObjectProvider<PublicPaths> extra) throws Exception {
            List<String> open = new ArrayList<>(PublicPaths.COMMON);
            extra.orderedStream().forEach(paths -> open.addAll(paths.patterns()));
            http.csrf(csrf -> csrf.disable())
                    .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .authorizeHttpRequests(auth -> auth
                            // Later dispatches of a streamed answer belong to a request that was already authorised.
                            .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC).permitAll()
                            .requestMatchers(open.toArray(String[]::new)).permitAll()
                            .anyRequest().authenticated())
                    .oauth2ResourceServer(rs -> rs
                            .jwt(jwt -> jwt.jwtAuthenticationConverter(roles))
                            .authenticationEntryPoint(problems.unauthorized())
                            .accessDeniedHandler(problems.forbidden()))
                    .exceptionHandling(ex -> ex
                            .authenticationEntryPoint(problems.unauthorized())
                            .accessDeniedHandler(problems.forbidden()));
            return http.build();
        }
    }

    /** Body-size limit, strict paging and pages as {@code {content, page:{…}}} (API.md). */
    @Configuration(proxyBeanMethods = false)
    @EnableSpringDataWebSupport(pageSerializationMode = EnableSpringDataWebSupport.PageSerializationMode.VIA_DTO)
    static class WebEdge implements WebMvcConfigurer {

        private final PagingPolicy paging;

        WebEdge(ObjectProvider<PagingPolicy> paging, ServiceSupportProperties properties) {
            this.paging = paging.getIfAvailable(() -> new PagingPolicy(java.util.Set.of(),
                    properties.web().maxPageSize()));
        }

        @Bean
        @ConditionalOnMissingBean(BodySizeLimitFilter.class)
        FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(ServiceSupportProperties properties,
                JsonMapper json) {
            FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
                    new BodySizeLimitFilter(properties.web().maxJsonBody(), json));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
            return registration;
        }

        @Override
        public void addInterceptors(InterceptorRegistry registry) {
            registry.addInterceptor(new PagingParameters(paging));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MongoTemplate.class)
    static class Store {

        /** Readiness (group member {@code store}): the service cannot work without its store. */
        @Bean(name = "store")
        @ConditionalOnMissingBean(name = "store")
        @ConditionalOnBean(MongoTemplate.class)
        StoreHealthIndicator store(MongoTemplate mongo, ServiceSupportProperties properties) {
            return new StoreHealthIndicator(mongo, properties.store().pingTimeout());
        }

        /** Versioned saves found by index, not by a scan, on the embedded store too. */
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(MongoTemplate.class)
        @ConditionalOnProperty(name = "satupintu.store.versioned-save-index", havingValue = "true",
                matchIfMissing = true)
        VersionedSaveIndexes versionedSaveIndexes(MongoTemplate mongo) {
            return new VersionedSaveIndexes(mongo);
        }

        /** Scheduled jobs that must run on one replica at a time take their lock through this (ShedLock). */
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(MongoTemplate.class)
        SingleRun singleRun(MongoTemplate mongo) {
            return new SingleRun(mongo.getCollection(SingleRun.COLLECTION));
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(OpenAPI.class)
    static class ApiDocument {

        @Bean
        @ConditionalOnMissingBean
        OpenAPI serviceApi(ServiceSupportProperties properties,
                @Value("${spring.application.name:service}") String name,
                @Value("${spring.security.oauth2.resourceserver.jwt.issuer-uri:http://localhost:8180/realms/satupintu}")
                String issuer) {
            String title = properties.openapi().title();
            return OpenApiDocument.of(title == null ? "SatuPintu " + name : title, properties.openapi().description(),
                    issuer);
        }
    }

    /**
     * Consumers retry a failing record a few times with backoff, then publish it to {@code <topic>-dlt} and go on;
     * records that can never succeed (not JSON, not a known event shape) skip the retries.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(KafkaTemplate.class)
    static class KafkaErrors {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean(KafkaTemplate.class)
        CommonErrorHandler kafkaErrorHandler(KafkaTemplate<String, String> template,
                ServiceSupportProperties properties) {
            ExponentialBackOff backOff = new ExponentialBackOff(properties.kafka().initialBackoff().toMillis(), 2.0);
            backOff.setMaxAttempts(properties.kafka().retries());
            DefaultErrorHandler handler = new DefaultErrorHandler(new DeadLetterPublishingRecoverer(template), backOff);
            handler.addNotRetryableExceptions(JacksonException.class, MalformedEventException.class,
                    EventFormatException.class);
            // A record that failed only because another system is away is not bad: retry it until that system is
            // back (bounded), instead of dead-lettering it after a few seconds.
            handler.setBackOffFunction((record, failure) -> DependencyOutage.causes(failure)
                    ? DependencyOutage.backOff(properties.kafka()) : null);
            return handler;
        }
    }

    /** The outbox relay of the service's {@link OutboxSource}, and the trace context stamped on its events. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ MongoTemplate.class, KafkaTemplate.class })
    @ConditionalOnBean({ OutboxSource.class, MongoTemplate.class, KafkaTemplate.class })
    static class Outbox {

        @Bean
        @ConditionalOnMissingBean
        OutboxRelay outboxRelay(OutboxSource<?> source, MongoTemplate mongo, KafkaTemplate<String, String> kafka,
                OutboxMarkers markers, JsonMapper json, Clock clock, ServiceSupportProperties properties) {
            var settings = properties.outbox();
            return new OutboxRelay(source, mongo, kafka, markers, json, clock, settings.pollInterval(),
                    settings.lease(), settings.batch(), settings.sweepInterval());
        }

        /** Written with every save that leaves events waiting; the relay reads these instead of the aggregates. */
        @Bean
        @ConditionalOnMissingBean
        OutboxMarkers outboxMarkers(OutboxSource<?> source, ObjectProvider<MongoTemplate> mongo, Clock clock) {
            return new OutboxMarkers(source, mongo, clock);
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnClass(Tracer.class)
        OutboxTracing outboxTracing(OutboxSource<?> source, ObjectProvider<Tracer> tracer,
                ObjectProvider<Propagator> propagator) {
            return new OutboxTracing(source.aggregateType(), tracer, propagator);
        }
    }
}
