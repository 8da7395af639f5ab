package org.satupintu.application.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth2 resource server: every API call needs a Keycloak access token whose issuer, audience, signature and
 * expiry are valid (see {@code spring.security.oauth2.resourceserver.jwt}); realm roles become {@code ROLE_*}
 * authorities. Failures answer RFC 9457 problem JSON.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
public class SecurityConfiguration {

    /**
     * Expiry and not-before checked with a small clock skew ({@code satupintu.security.clock-skew}, 30 s by
     * default, instead of Spring's 60 s): an expired token is refused soon after it expires. Boot adds this
     * validator to the issuer, audience and signature checks of the auto-configured decoder.
     */
    @Bean
    OAuth2TokenValidator<Jwt> tokenLifetime(@Value("${satupintu.security.clock-skew:30s}") Duration clockSkew) {
        return new JwtTimestampValidator(clockSkew);
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, JsonMapper json) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/api/public/**", "/error").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(keycloakRoles()))
                        .authenticationEntryPoint((request, response, e) -> problem(json, request, response,
                                HttpStatus.UNAUTHORIZED, "unauthorized", "A valid access token is required."))
                        .accessDeniedHandler((request, response, e) -> problem(json, request, response,
                                HttpStatus.FORBIDDEN, "forbidden", "Your role may not do this.")))
                .exceptionHandling(ex -> ex
                        .authenticationEntryPoint((request, response, e) -> problem(json, request, response,
                                HttpStatus.UNAUTHORIZED, "unauthorized", "A valid access token is required."))
                        .accessDeniedHandler((request, response, e) -> problem(json, request, response,
                                HttpStatus.FORBIDDEN, "forbidden", "Your role may not do this.")));
        return http.build();
    }

    static JwtAuthenticationConverter keycloakRoles() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Collection<GrantedAuthority> authorities = Caller.realmRoles(jwt).stream()
                    .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
            return authorities;
        });
        return converter;
    }

    private static void problem(JsonMapper json, HttpServletRequest request, HttpServletResponse response,
            HttpStatus status, String code, String detail) throws IOException {
        // Written by hand: this runs in the filter chain, before Spring MVC's converters.
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", Problems.TYPE_BASE + code);
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        problem.put("code", code);
        response.setStatus(status.value());
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
