package org.satupintu.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.satupintu.support.problem.ProblemCode;
import org.satupintu.gateway.GatewayProperties;
import org.satupintu.gateway.web.Problems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import reactor.core.publisher.Mono;

/**
 * The first line of defence: a valid Keycloak token (issuer, audience, signature, expiry) before any downstream
 * call, except for {@code /api/public/**}. The token is passed downstream unchanged and checked again there.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    /**
     * Expiry and not-before checked with a small clock skew ({@code satupintu.security.clock-skew}, 30 s by
     * default, instead of Spring's 60 s): an expired token is refused soon after it expires. Boot adds this
     * validator to the issuer, audience and signature checks of the auto-configured decoder.
     */
    @Bean
    OAuth2TokenValidator<Jwt> tokenLifetime(@Value("${satupintu.security.clock-skew:30s}") Duration clockSkew) {
        return new JwtTimestampValidator(clockSkew);
    }

    /**
     * Boot's decoder, behind a cache of the tokens it accepted until each one expires
     * ({@code satupintu.security.token-cache-size}, 10,000 by default; 0 turns it off).
     */
    @Bean
    static BeanPostProcessor cachingJwtDecoder(org.springframework.core.env.Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof CachingReactiveJwtDecoder)) {
                    int size = environment.getProperty("satupintu.security.token-cache-size", Integer.class, 10_000);
                    return size > 0 ? new CachingReactiveJwtDecoder(decoder, size, Clock.systemUTC()) : bean;
                }
                return bean;
            }
        };
    }

    @Bean
    SecurityWebFilterChain edge(ServerHttpSecurity http, GatewayProperties properties) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .cors(cors -> cors.configurationSource(cors(properties)))
                .authorizeExchange(ex -> ex
                        .pathMatchers(HttpMethod.OPTIONS, "/api/**").permitAll()
                        .pathMatchers("/api/public/**").permitAll()
                        .pathMatchers("/actuator/health/**", "/actuator/info").permitAll()
                        // Metrics tell an intruder too much (routes, limits, breaker states): operators only.
                        .pathMatchers("/actuator/prometheus").hasRole("ops")
                        .pathMatchers("/actuator/**").denyAll()
                        .pathMatchers("/v3/api-docs/**", "/v3/api-docs", "/swagger-ui.html", "/swagger-ui/**",
                                "/webjars/**", "/asyncapi.yaml").permitAll()
                        .pathMatchers("/api/ops/**").hasRole("ops")
                        .pathMatchers("/api/**", "/fallback/**").authenticated()
                        .anyExchange().permitAll())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(keycloakRoles()))
                        .authenticationEntryPoint((exchange, e) -> unauthorized(exchange))
                        .accessDeniedHandler((exchange, e) -> Problems.write(exchange, ProblemCode.FORBIDDEN, "Your role may not do this.")))
                .exceptionHandling(ex -> ex.authenticationEntryPoint((exchange, e) -> unauthorized(exchange))
                        .accessDeniedHandler((exchange, e) -> Problems.write(exchange, ProblemCode.FORBIDDEN, "Your role may not do this.")))
                .build();
    }

    private static Mono<Void> unauthorized(org.springframework.web.server.ServerWebExchange exchange) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        return Problems.write(exchange, ProblemCode.UNAUTHORIZED, "A valid access token is required.");
    }

    static ReactiveJwtAuthenticationConverterAdapter keycloakRoles() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(SecurityConfiguration::realmRoles);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    static Collection<GrantedAuthority> realmRoles(Jwt jwt) {
        if (jwt.getClaims().get("realm_access") instanceof Map<?, ?> access
                && access.get("roles") instanceof Collection<?> roles) {
            return roles.stream().filter(String.class::isInstance)
                    .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        }
        return List.of();
    }

    private static UrlBasedCorsConfigurationSource cors(GatewayProperties properties) {
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(properties.corsAllowedOrigins());
        config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match", "Idempotency-Key",
                "X-Request-Id", "Last-Event-ID", "Accept-Language", "Range"));
        config.setExposedHeaders(List.of("X-Request-Id", "ETag", "Location", "Retry-After", "Content-Disposition"));
        config.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", config);
        return source;
    }
}
