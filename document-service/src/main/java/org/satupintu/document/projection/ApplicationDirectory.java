package org.satupintu.document.projection;

import java.util.Optional;

import org.satupintu.document.applicationservice.ApplicationServiceClient;
import org.satupintu.document.applicationservice.RemoteApplication;
import org.springframework.stereotype.Component;

/**
 * Finds an application for a request: from the projection, or, when the projection has not caught up yet (an
 * application created a moment ago), from application-service with the caller's token.
 */
@Component
public class ApplicationDirectory {

    private final ApplicationProjections projections;
    private final ApplicationServiceClient applicationService;

    ApplicationDirectory(ApplicationProjections projections, ApplicationServiceClient applicationService) {
        this.projections = projections;
        this.applicationService = applicationService;
    }

    public Optional<ApplicationView> find(String applicationId, String bearerToken) {
        Optional<ApplicationView> projected = projections.find(applicationId);
        if (projected.isPresent()) {
            return projected;
        }
        return applicationService.application(applicationId, bearerToken).map(ApplicationDirectory::view);
    }

    /** From the projection only (no caller token at hand, e.g. on a consumer thread). */
    public Optional<ApplicationView> projected(String applicationId) {
        return projections.find(applicationId);
    }

    private static ApplicationView view(RemoteApplication app) {
        return new ApplicationView(app.id(), app.officeCode(), app.applicantId(), app.state(), app.permitTypeCode(),
                app.registrationNumber(), app.permitNumber(), app.applicantName());
    }
}
