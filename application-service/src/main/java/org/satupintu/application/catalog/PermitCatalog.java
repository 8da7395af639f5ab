package org.satupintu.application.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.satupintu.application.domain.ConflictException;
import org.satupintu.application.domain.FieldProblem;
import org.satupintu.application.domain.NotFoundException;
import org.satupintu.application.domain.RuleViolationException;
import org.satupintu.application.domain.StaleVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The permit-type catalog. Seeded on first start from {@code catalog/permit-types.json} (an entry is inserted
 * only if its code is absent, so admin edits survive restarts and several replicas may seed at once). Reads go
 * to MongoDB every time, so an edit takes effect without a restart.
 */
@Service
public class PermitCatalog {

    private static final Logger log = LoggerFactory.getLogger(PermitCatalog.class);

    private final PermitTypeRepository repository;
    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final Clock clock;

    PermitCatalog(PermitTypeRepository repository, MongoTemplate mongo, JsonMapper json, Clock clock) {
        this.repository = repository;
        this.mongo = mongo;
        this.json = json;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        int inserted = 0;
        for (PermitType type : seedData()) {
            if (repository.existsById(type.code())) {
                continue;
            }
            try {
                mongo.insert(stamped(type));
                inserted++;
            }
            catch (DuplicateKeyException e) {
                // Another replica seeded it first.
            }
        }
        if (inserted > 0) {
            log.info("Seeded {} permit types into the catalog", inserted);
        }
    }

    List<PermitType> seedData() {
        try (InputStream in = new ClassPathResource("catalog/permit-types.json").getInputStream()) {
            List<PermitType> types = json.readValue(in, new TypeReference<List<PermitType>>() {
            });
            types.forEach(PermitCatalog::checkConsistent);
            return types;
        }
        catch (IOException e) {
            throw new UncheckedIOException("The seed catalog is unreadable", e);
        }
    }

    public List<PermitType> list(boolean includeInactive) {
        return repository.findAllByOrderByCodeAsc().stream().filter(t -> includeInactive || t.active()).toList();
    }

    public PermitType get(String code) {
        return repository.findById(code).orElseThrow(() -> new NotFoundException("Permit type " + code));
    }

    public PermitType create(PermitType type) {
        checkConsistent(type);
        try {
            return mongo.insert(stamped(type));
        }
        catch (DuplicateKeyException e) {
            throw new ConflictException("already-exists", "Permit type " + type.code() + " already exists.");
        }
    }

    /** Replaces the content of a permit type; {@code expectedVersion} (from If-Match) guards against lost edits. */
    public PermitType update(String code, PermitType content, @Nullable Long expectedVersion) {
        checkConsistent(content);
        PermitType current = get(code);
        if (expectedVersion != null && !expectedVersion.equals(current.version())) {
            throw new StaleVersionException();
        }
        try {
            return repository.save(current.withContent(content, clock.instant()));
        }
        catch (OptimisticLockingFailureException e) {
            throw new StaleVersionException();
        }
    }

    /** A new catalog entry: stamped now, version unset so MongoDB starts it at 0. */
    private PermitType stamped(PermitType type) {
        return new PermitType(type.code(), type.name(), type.description(), type.slaWorkingDays(), type.feeIdr(),
                type.active(), type.slaPolicy(), type.formFields(), type.requirements(), clock.instant(), null,
                type.validityMonths(), type.levy());
    }

    /** Keys and codes must be unique, or form validation and checklists would be ambiguous. */
    static void checkConsistent(PermitType type) {
        List<FieldProblem> errors = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < type.formFields().size(); i++) {
            if (!keys.add(type.formFields().get(i).key())) {
                errors.add(new FieldProblem("formFields[" + i + "].key", "duplicate key"));
            }
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < type.requirements().size(); i++) {
            if (!codes.add(type.requirements().get(i).code())) {
                errors.add(new FieldProblem("requirements[" + i + "].code", "duplicate requirement code"));
            }
        }
        Levy levy = type.effectiveLevy();
        if (levy.kind() == Levy.Kind.FIXED && levy.amountIdr() == null) {
            errors.add(new FieldProblem("levy.amountIdr", "a FIXED levy needs its amount"));
        }
        if (levy.kind() != Levy.Kind.FIXED && levy.amountIdr() != null) {
            errors.add(new FieldProblem("levy.amountIdr", "only a FIXED levy names an amount in the catalog"));
        }
        if (!errors.isEmpty()) {
            throw new RuleViolationException("inconsistent-permit-type",
                    "Form keys and requirement codes must be unique, and a levy's amount must fit its kind.", errors);
        }
    }
}
