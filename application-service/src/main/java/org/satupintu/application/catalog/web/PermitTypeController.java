package org.satupintu.application.catalog.web;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.satupintu.application.catalog.PermitCatalog;
import org.satupintu.application.catalog.PermitType;
import org.satupintu.support.problem.ApiException;
import org.satupintu.support.problem.FieldError;
import org.satupintu.support.web.ETags;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The permit-type catalog: anyone signed in reads it; only admins change it. */
@RestController
@RequestMapping("/api/permit-types")
class PermitTypeController {

    private final PermitCatalog catalog;

    PermitTypeController(PermitCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    List<PermitType> list(@RequestParam(defaultValue = "false") boolean includeInactive) {
        return catalog.list(includeInactive);
    }

    @GetMapping("/{code}")
    ResponseEntity<PermitType> get(@PathVariable String code) {
        PermitType type = catalog.get(code);
        return ResponseEntity.ok().eTag(ETags.of(type.version())).body(type);
    }

    @PostMapping
    @PreAuthorize("hasRole('admin')")
    ResponseEntity<PermitType> create(@Valid @RequestBody PermitTypeRequest request) {
        if (request.code() == null) {
            throw ApiException.invalid("The permit type needs a code.",
                    List.of(new FieldError("code", "must not be null")));
        }
        PermitType created = catalog.create(request.toPermitType(request.code()));
        return ResponseEntity.created(URI.create("/api/permit-types/" + created.code()))
                .eTag(ETags.of(created.version())).body(created);
    }

    @PutMapping("/{code}")
    @PreAuthorize("hasRole('admin')")
    ResponseEntity<PermitType> update(@PathVariable String code, @Valid @RequestBody PermitTypeRequest request,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
        if (request.code() != null && !request.code().equals(code)) {
            throw ApiException.invalid("The code in the body differs from the one in the path.",
                    List.of(new FieldError("code", "must equal " + code)));
        }
        PermitType updated = catalog.update(code, request.toPermitType(code), ETags.parse(ifMatch));
        return ResponseEntity.ok().eTag(ETags.of(updated.version())).body(updated);
    }
}
