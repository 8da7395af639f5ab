package org.satupintu.application.archfixture.web;

import org.satupintu.application.archfixture.domain.LeakyAggregate;
import org.springframework.http.HttpStatus;

/** The other half of a deliberate package cycle, and a use of another service's code (for ArchitectureTests). */
public class LeakyController {

    static final HttpStatus STATUS_VALUE = HttpStatus.CONFLICT;
    public static final HttpStatus STATUS = STATUS_VALUE;

    LeakyAggregate aggregate = new LeakyAggregate();

    org.satupintu.local.Ports otherProjectCode;
}
