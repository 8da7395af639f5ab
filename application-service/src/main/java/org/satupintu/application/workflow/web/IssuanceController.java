package org.satupintu.application.workflow.web;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import org.satupintu.application.workflow.Actor;
import org.satupintu.application.workflow.ApplicationService;
import org.satupintu.application.workflow.ApplicationState;
import org.satupintu.application.workflow.PermitApplication;
import org.satupintu.support.security.Caller;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service: the facts of an issued permit, so that document-service signs a certificate only for what
 * application-service really issued. Not routed by the gateway; only tokens with realm role {@code service}.
 */
@RestController
@RequestMapping("/api/internal/issuances")
class IssuanceController {

    private final ApplicationService service;

    IssuanceController(ApplicationService service) {
        this.service = service;
    }

    /** What document-service compares an {@code issued} event with. */
    record IssuanceView(String applicationId, ApplicationState state, String permitNumber, String officeCode,
            String permitTypeCode, @Nullable String registrationNumber, Holder holder, @Nullable Instant issuedAt) {
    }

    record Holder(String id, String name) {
    }

    @Operation(summary = "The facts of an issued permit (platform services only)",
            description = "For the realm role `service` (document-service's client credentials) only, never routed "
                    + "by the gateway: the application's current state, permit number, office, permit type and "
                    + "holder, for an application that has been issued. 403 for every other caller, 404 when the "
                    + "application does not exist or was never issued.")
    @ApiResponse(responseCode = "200", description = "The application was issued; `state` is its state now")
    @ApiResponse(responseCode = "403", description = "The caller is not a platform service")
    @ApiResponse(responseCode = "404", description = "No such application, or it was never issued")
    @GetMapping("/{applicationId}")
    IssuanceView issuance(@AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String applicationId) {
        Caller caller = Caller.of(jwt);
        PermitApplication app = service.issuance(new Actor(caller.subject(), caller.username(), caller.roles(),
                caller.office()), applicationId);
        return new IssuanceView(app.id(), app.state(), java.util.Objects.requireNonNull(app.permitNumber()),
                app.officeCode(), app.permitTypeCode(), app.registrationNumber(),
                new Holder(app.applicant().id(), app.applicant().name()), app.decidedAt());
    }
}
