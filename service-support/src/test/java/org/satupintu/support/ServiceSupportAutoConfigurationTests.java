package org.satupintu.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import io.swagger.v3.oas.models.OpenAPI;
import org.junit.jupiter.api.Test;
import org.satupintu.support.problem.ProblemHandler;
import org.satupintu.support.web.BodySizeLimitFilter;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.SecurityFilterChain;

/** The auto-configuration supplies the shared beans, binds its settings, and backs off for a service's own beans. */
class ServiceSupportAutoConfigurationTests {

    final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                    ServiceSupportAutoConfiguration.class, SecurityAutoConfiguration.class,
                    ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class))
            .withPropertyValues("spring.application.name=demo-service",
                    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:9/certs");

    @Test
    void suppliesTheSharedBeansWithDefaultsThatWorkLocally() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ProblemHandler.class).hasSingleBean(Clock.class)
                    .hasSingleBean(OpenAPI.class).hasSingleBean(SecurityFilterChain.class);
            assertThat(context.getBean(OpenAPI.class).getInfo().getTitle()).isEqualTo("SatuPintu demo-service");
            ServiceSupportProperties properties = context.getBean(ServiceSupportProperties.class);
            assertThat(properties.security().clockSkew()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.web().maxJsonBody().toKilobytes()).isEqualTo(256);
            assertThat(properties.kafka().retries()).isEqualTo(3);
            assertThat(properties.outbox().pollInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(context.getBean("bodySizeLimitFilter", FilterRegistrationBean.class).getFilter())
                    .isInstanceOf(BodySizeLimitFilter.class);
        });
    }

    /**
     * Boot's own problem handler (spring.mvc.problemdetails.enabled) would answer Spring MVC's refusals without our
     * type and code (found by the bad-input system tests): ours is the only one.
     */
    @Test
    void theSharedProblemHandlerIsTheOnlyOneEvenWithBootsProblemDetailsOn() {
        runner.withConfiguration(AutoConfigurations.of(
                org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration.class))
                .withPropertyValues("spring.mvc.problemdetails.enabled=true").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBeansOfType(
                            org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler.class))
                            .hasSize(1).allSatisfy((name, handler) -> assertThat(handler)
                                    .isExactlyInstanceOf(ProblemHandler.class));
                });
    }

    @Test
    void bindsItsSettingsFromProperties() {
        runner.withPropertyValues("satupintu.security.clock-skew=5s", "satupintu.openapi.title=My API",
                "satupintu.outbox.batch=7").run(context -> {
                    ServiceSupportProperties properties = context.getBean(ServiceSupportProperties.class);
                    assertThat(properties.security().clockSkew()).isEqualTo(Duration.ofSeconds(5));
                    assertThat(properties.outbox().batch()).isEqualTo(7);
                    assertThat(context.getBean(OpenAPI.class).getInfo().getTitle()).isEqualTo("My API");
                });
    }

    @Test
    void backsOffForTheServicesOwnBeans() {
        runner.withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasSingleBean(ProblemHandler.class).hasSingleBean(Clock.class)
                    .hasSingleBean(OpenAPI.class);
            assertThat(context.getBean(ProblemHandler.class)).isInstanceOf(OwnBeans.OwnProblemHandler.class);
            assertThat(context.getBean(Clock.class)).isSameAs(OwnBeans.CLOCK);
            assertThat(context.getBean(OpenAPI.class).getInfo()).isNull();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {

        static final Clock CLOCK = Clock.systemUTC();

        static class OwnProblemHandler extends ProblemHandler {
        }

        @Bean
        ProblemHandler ownProblemHandler() {
            return new OwnProblemHandler();
        }

        @Bean
        Clock ownClock() {
            return CLOCK;
        }

        @Bean
        OpenAPI ownApi() {
            return new OpenAPI();
        }
    }
}
