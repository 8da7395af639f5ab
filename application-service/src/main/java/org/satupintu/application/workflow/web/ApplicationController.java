package org.satupintu.application.workflow.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.satupintu.application.catalog.Levy;
import org.satupintu.events.WalkIn;
import org.satupintu.support.problem.ApiException;
import org.satupintu.support.problem.FieldError;
import org.satupintu.application.workflow.Actor;
import org.satupintu.application.workflow.Applicant;
import org.satupintu.application.workflow.ApplicationQueries;
import org.satupintu.application.workflow.ApplicationService;
import org.satupintu.application.workflow.ApplicationState;
import org.satupintu.application.workflow.HistoryEntry;
import org.satupintu.application.workflow.PermitApplication;
import org.satupintu.support.security.Caller;
import org.satupintu.support.security.Role;
import org.satupintu.support.web.ETags;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The applications API of API.md: create, read, search, edit and the review actions. */
@RestController
@RequestMapping("/api/applications")
class ApplicationController {

    private static final String ID = "[A-Za-z0-9-]{1,64}";

    private final ApplicationService service;
    private final ApplicationQueries queries;
    private final Clock clock;

    ApplicationController(ApplicationService service, ApplicationQueries queries, Clock clock) {
        this.service = service;
        this.queries = queries;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<ApplicationView> create(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody Requests.Create body,
            @RequestHeader(name = "Idempotency-Key", required = false) @Nullable @Size(max = 128)
            @Pattern(regexp = "[A-Za-z0-9._:-]{1,128}") String idempotencyKey,
            @RequestHeader(name = "Accept-Language", required = false) @Nullable String acceptLanguage) {
        Caller caller = Caller.of(jwt);
        Applicant self = new Applicant(caller.subject(), caller.name() == null ? caller.username() : caller.name(),
                caller.email(), caller.phone(), locale(caller.locale(), acceptLanguage));
        Applicant walkIn = body.applicant() == null ? null
                : new Applicant(WalkIn.PREFIX, body.applicant().name(), body.applicant().email(), body.applicant().phone(),
                        body.applicant().locale() == null ? "id" : body.applicant().locale());
        ApplicationService.Created created = service.create(actor(caller), self,
                new ApplicationService.CreateCommand(body.permitTypeCode(), body.officeCode(),
                        body.form() == null ? Map.of() : body.form(), walkIn, idempotencyKey));
        PermitApplication app = created.application();
        return ResponseEntity.created(URI.create("/api/applications/" + app.id())).eTag(ETags.of(app.version()))
                .body(ApplicationView.of(app, clock.instant()));
    }

    @GetMapping
    PagedModel<ApplicationView> search(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) @Nullable ApplicationState state,
            @RequestParam(required = false) @Nullable @Pattern(regexp = "[A-Z][A-Z0-9_]{1,31}") String permitType,
            @RequestParam(required = false) @Nullable @Pattern(regexp = "[A-Z][A-Z0-9-]{1,47}") String officeCode,
            @RequestParam(required = false) @Nullable Boolean overdue,
            @RequestParam(required = false) @Nullable @Size(max = 100) String q,
            @PageableDefault(size = 20, sort = "createdAt", direction = Sort.Direction.DESC) Pageable pageable) {
        Caller caller = Caller.of(jwt);
        if (pageable.getPageSize() > 100) {
            throw ApiException.invalid("Page size is at most 100.",
                    List.of(new FieldError("size", "must be at most 100")));
        }
        for (Sort.Order order : pageable.getSort()) {
            if (!ApplicationQueries.SORTABLE.contains(order.getProperty())) {
                throw ApiException.invalid("Cannot sort by " + order.getProperty() + ".",
                        List.of(new FieldError("sort", "one of " + ApplicationQueries.SORTABLE)));
            }
        }
        var page = queries.search(actor(caller),
                new ApplicationQueries.Filter(state, permitType, caller.hasRole(Role.ADMIN) ? officeCode : null, overdue,
                        q),
                pageable);
        var now = clock.instant();
        return new PagedModel<>(page.map(app -> ApplicationView.of(app, now)));
    }

    @GetMapping("/stats")
    ApplicationQueries.Stats stats(@AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        if (!caller.hasAnyRole(Role.OFFICER, Role.SUPERVISOR, Role.ADMIN, Role.OPS)) {
            throw ApiException.forbidden("Statistics are for office staff, admins and operators.");
        }
        return queries.stats(actor(caller));
    }

    @GetMapping("/{id}")
    ResponseEntity<ApplicationView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable @Pattern(regexp = ID) String id) {
        return view(service.get(actor(jwt), id), HttpStatus.OK);
    }

    /**
     * The audit trail. Office staff and admins see every note; the applicant sees every action, with the comments
     * meant for them (revision and rejection reasons) but not the office's internal notes (recommendation, approval,
     * assignment).
     */
    @io.swagger.v3.oas.annotations.Operation(summary = "The application's history",
            description = "[{at, actor, role, action, from, to, comment}]. Office staff of the application's office "
                    + "and admins see every comment; the applicant sees every action but only the comments meant "
                    + "for them (revision and rejection reasons, their own withdrawal reason); an officer's "
                    + "recommendation, approval and assignment notes are internal (comment null).")
    @GetMapping("/{id}/history")
    List<HistoryEntry> history(@AuthenticationPrincipal Jwt jwt, @PathVariable @Pattern(regexp = ID) String id) {
        Actor actor = actor(jwt);
        return service.get(actor, id).historyFor(actor);
    }

    @PatchMapping("/{id}")
    ResponseEntity<ApplicationView> patch(@AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String id, @Valid @RequestBody Requests.Patch body,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
        return view(service.updateForm(actor(jwt), id, ETags.parse(ifMatch), body.form()), HttpStatus.OK);
    }

    @PostMapping("/{id}/submit")
    ResponseEntity<ApplicationView> submit(@AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
        return view(service.submit(actor(jwt), id, ETags.parse(ifMatch)), HttpStatus.OK);
    }

    @PostMapping("/{id}/assign")
    ResponseEntity<ApplicationView> assign(@AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String id, @Valid @RequestBody(required = false) Requests.@Nullable Assign body,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
        return view(service.assign(actor(jwt), id, ETags.parse(ifMatch), body == null ? null : body.assignee()),
                HttpStatus.OK);
    }

    @PostMapping("/{id}/request-revision")
    ResponseEntity<ApplicationView> requestRevision(@AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String id, @Valid @RequestBody Requests.Reason body,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
        return view(service.requestRevision(actor(jwt), id, ETags.parse(ifMatch), body.reason()), HttpStatus.OK);
    }

    @PostMapping("/{id}/recommend")
    ResponseEntity<ApplicationView> recommend(@AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String id, @Valid @RequestBody(required = false) Requests.@Nullable Note body,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
        return view(service.recommend(actor(jwt), id, ETags.parse(ifMatch), body == null ? null : body.note()),
                HttpStatus.OK);
    }

    @PostMapping("/{id}/approve")
    ResponseEntity<ApplicationView> approve(@AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String id, @Valid @RequestBody(required = false) Requests.@Nullable Note body,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
        return view(service.approve(actor(jwt), id, ETags.parse(ifMatch), body == null ? null : body.note()),
                HttpStatus.OK);
    }

    @PostMapping("/{id}/reject")
    ResponseEntity<ApplicationView> reject(@AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String id, @Valid @RequestBody Requests.Reason body,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
        return view(service.reject(actor(jwt), id, ETags.parse(ifMatch), body.reason()), HttpStatus.OK);
    }

    @PostMapping("/{id}/withdraw")
    ResponseEntity<ApplicationView> withdraw(@AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String id,
            @Valid @RequestBody(required = false) Requests.@Nullable Withdraw body,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
        return view(service.withdraw(actor(jwt), id, ETags.parse(ifMatch), body == null ? null : body.reason()),
                HttpStatus.OK);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Assess the regional levy (retribusi)",
            description = "The assigned officer, UNDER_REVIEW, for a permit type whose levy is ASSESSED (e.g. PBG: "
                    + "floor area x indices): {amountIdr, basis}. Required before recommend for such types (422 "
                    + "levy-not-assessed). Amount 1..10^12 rupiah, basis up to 2,000 characters (422 naming the field).")
    @PostMapping("/{id}/assess-levy")
    ResponseEntity<ApplicationView> assessLevy(@AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String id, @RequestBody Requests.AssessLevy body,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
        return view(service.assessLevy(actor(jwt), id, ETags.parse(ifMatch), rupiah(body.amountIdr()),
                body.basis() == null ? "" : body.basis()), HttpStatus.OK);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Confirm the levy's payment (treasury or bank system)",
            description = "The integration client of the application's office (another office's: 404): "
                    + "{billingCode, amountIdr, paidAt, reference}. AWAITING_PAYMENT -> ISSUED with permitNumber. "
                    + "Idempotent by reference: the same payment again answers the same and changes nothing. A code "
                    + "with a wrong check digit -> 422 naming billingCode; another application's code -> 422 "
                    + "billing-code-mismatch; a different amount -> 422 amount-mismatch; not awaiting payment -> 409.")
    @PostMapping("/{id}/payments")
    ResponseEntity<ApplicationView> pay(@AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String id, @RequestBody Requests.Payment body) {
        List<FieldError> missing = new java.util.ArrayList<>();
        if (body.billingCode() == null || body.billingCode().isBlank()) {
            missing.add(new FieldError("billingCode", "must not be blank"));
        }
        else if (body.billingCode().length() > 32 || !body.billingCode().chars().allMatch(Character::isDigit)) {
            missing.add(new FieldError("billingCode", "digits only, at most 32"));
        }
        if (body.paidAt() == null) {
            missing.add(new FieldError("paidAt", "must not be null"));
        }
        if (body.reference() == null || body.reference().isBlank()) {
            missing.add(new FieldError("reference", "must not be blank"));
        }
        if (!missing.isEmpty()) {
            throw ApiException.unprocessable("invalid-payment", "The payment report is not usable.", missing);
        }
        return view(service.confirmPayment(actor(jwt), id, new PermitApplication.Payment(
                java.util.Objects.requireNonNull(body.billingCode()), rupiah(body.amountIdr()),
                java.util.Objects.requireNonNull(body.paidAt()), java.util.Objects.requireNonNull(body.reference()))),
                HttpStatus.OK);
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Renew an issued permit",
            description = "The owner, for an ISSUED permit whose validUntil is within 90 days or past: 201 with a "
                    + "new DRAFT (renewalOf set, form copied, same office and type, current catalog version). When "
                    + "the renewal is issued the old permit is superseded by it. Too early or never expiring -> 422.")
    @PostMapping("/{id}/renew")
    ResponseEntity<ApplicationView> renew(@AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String id) {
        PermitApplication renewal = service.renew(actor(jwt), id);
        return ResponseEntity.created(URI.create("/api/applications/" + renewal.id()))
                .eTag(ETags.of(renewal.version())).body(ApplicationView.of(renewal, clock.instant()));
    }

    @io.swagger.v3.oas.annotations.Operation(summary = "Revoke an issued permit",
            description = "A supervisor of the office or an admin, from ISSUED: {reason} (required, up to 2,000 "
                    + "characters; 422 naming it) -> REVOKED with revocation {at, by, reason}; public verification "
                    + "then says REVOKED. An officer: 403; another office's supervisor: 404.")
    @PostMapping("/{id}/revoke")
    ResponseEntity<ApplicationView> revoke(@AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String id, @RequestBody Requests.Revoke body,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
        return view(service.revoke(actor(jwt), id, ETags.parse(ifMatch), body.reason() == null ? "" : body.reason()),
                HttpStatus.OK);
    }

    /** Whole rupiah within a long; anything else is refused naming the field (a levy has its own upper bound). */
    private static long rupiah(@Nullable BigDecimal amount) {
        if (amount == null) {
            throw ApiException.unprocessable("invalid-amount", "The amount is missing.",
                    List.of(new FieldError("amountIdr", "must not be null")));
        }
        try {
            return amount.longValueExact();
        }
        catch (ArithmeticException e) {
            throw ApiException.unprocessable("invalid-amount", "The amount must be a whole number of rupiah.",
                    List.of(new FieldError("amountIdr", "a whole number from 1 to " + Levy.MAX_AMOUNT_IDR)));
        }
    }

    private ResponseEntity<ApplicationView> view(PermitApplication app, HttpStatus status) {
        return ResponseEntity.status(status).eTag(ETags.of(app.version()))
                .body(ApplicationView.of(app, clock.instant()));
    }

    private static Actor actor(Jwt jwt) {
        return actor(Caller.of(jwt));
    }

    private static Actor actor(Caller caller) {
        return new Actor(caller.subject(), caller.username(), caller.roles(), caller.office());
    }

    private static String locale(@Nullable String tokenLocale, @Nullable String acceptLanguage) {
        String preferred = tokenLocale != null ? tokenLocale : acceptLanguage;
        return preferred != null && preferred.trim().toLowerCase().startsWith("en") ? "en" : "id";
    }
}
