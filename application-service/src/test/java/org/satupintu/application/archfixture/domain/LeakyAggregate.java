package org.satupintu.application.archfixture.domain;

import org.satupintu.application.archfixture.web.LeakyController;
import org.springframework.http.HttpStatus;

/** A deliberately broken domain class (for ArchitectureTests): it uses an HTTP type and the web package. */
public class LeakyAggregate {

    public HttpStatus refuse() {
        return LeakyController.STATUS;
    }
}
