package org.satupintu.application.workflow.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.satupintu.application.catalog.PermitTypeMother;
import org.satupintu.application.domain.NotFoundException;
import org.satupintu.application.domain.NotPermittedException;
import org.satupintu.application.domain.RuleViolationException;
import org.satupintu.application.domain.StaleVersionException;
import org.satupintu.support.ServiceSupportAutoConfiguration;
import org.satupintu.support.security.Role;
import org.satupintu.application.workflow.Actor;
import org.satupintu.application.workflow.Applicant;
import org.satupintu.application.workflow.ApplicationQueries;
import org.satupintu.application.workflow.ApplicationService;
import org.satupintu.application.workflow.ApplicationState;
import org.satupintu.application.domain.InvalidTransitionException;
import org.satupintu.application.workflow.PermitApplication;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.satupintu.testsupport.Callers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The web layer alone: every refusal of API.md is the right status with problem JSON. */
@WebMvcTest(ApplicationController.class)
@ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
class ApplicationControllerTests {

    static final String PROBLEM = "application/problem+json";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ApplicationService service;

    @MockitoBean
    ApplicationQueries queries;

    static PermitApplication draft() {
        Actor ani = new Actor(Callers.ANI_ID, "ani", java.util.Set.of(Role.APPLICANT), null);
        return PermitApplication.create("app-1", PermitTypeMother.pbg(), "SULUT-MANADO",
                new Applicant(Callers.ANI_ID, "Ani", "ani@example.id", null, "id"), ani,
                Map.of("siteAddress", "Jl. A", "floors", 2), Instant.parse("2026-11-30T01:00:00Z"));
    }

    @Test
    void anonymousCallsAreUnauthorizedProblems() throws Exception {
        mvc.perform(get("/api/applications/app-1")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("unauthorized"));
    }

    @Test
    void createReturns201WithLocationAndETag() throws Exception {
        given(service.create(any(), any(), any())).willReturn(new ApplicationService.Created(draft(), false));
        mvc.perform(post("/api/applications").with(jwt().jwt(Callers.ani())).contentType(MediaType.APPLICATION_JSON)
                .content("{\"permitTypeCode\":\"PBG\",\"officeCode\":\"SULUT-MANADO\",\"form\":{\"floors\":2}}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/applications/app-1"))
                .andExpect(header().string("ETag", "\"0\""))
                .andExpect(jsonPath("$.state").value("DRAFT"))
                .andExpect(jsonPath("$.applicant.id").value(Callers.ANI_ID))
                .andExpect(jsonPath("$.checklist[0].requirementCode").value("KTP"))
                .andExpect(jsonPath("$.overdue").value(false));
    }

    @Test
    void malformedJsonIsABadRequestProblem() throws Exception {
        mvc.perform(post("/api/applications").with(jwt().jwt(Callers.ani())).contentType(MediaType.APPLICATION_JSON)
                .content("{\"permitTypeCode\": "))
                .andExpect(status().isBadRequest()).andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.detail").exists());
    }

    @Test
    void missingAndMalformedFieldsAreListed() throws Exception {
        mvc.perform(post("/api/applications").with(jwt().jwt(Callers.ani())).contentType(MediaType.APPLICATION_JSON)
                .content("{\"officeCode\":\"sulut manado\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field=='permitTypeCode')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field=='officeCode')]").exists());
    }

    @Test
    void aBodyOver256KiBIsTooLarge() throws Exception {
        String huge = "{\"permitTypeCode\":\"PBG\",\"officeCode\":\"SULUT-MANADO\",\"form\":{\"siteAddress\":\""
                + "x".repeat(300 * 1024) + "\"}}";
        mvc.perform(post("/api/applications").with(jwt().jwt(Callers.ani())).contentType(MediaType.APPLICATION_JSON)
                .content(huge)).andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("too-large"));
    }

    @Test
    void invisibleApplicationsAreNotFound() throws Exception {
        given(service.get(any(), eq("app-9"))).willThrow(new NotFoundException("Application app-9"));
        mvc.perform(get("/api/applications/app-9").with(jwt().jwt(Callers.dewi())))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("not-found"))
                .andExpect(jsonPath("$.status").value(404));
    }

    @Test
    void missingMandatoryDocumentsAre422ListingTheCodes() throws Exception {
        given(service.submit(any(), eq("app-1"), isNull())).willThrow(new RuleViolationException(
                "incomplete-application", "Upload every mandatory document.",
                Map.of("missingRequirements", List.of("KTP", "KKPR"), "errors", List.of())));
        mvc.perform(post("/api/applications/app-1/submit").with(jwt().jwt(Callers.ani())))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.missingRequirements[0]").value("KTP"))
                .andExpect(jsonPath("$.missingRequirements[1]").value("KKPR"));
    }

    @Test
    void invalidTransitionsAreConflicts() throws Exception {
        given(service.approve(any(), eq("app-1"), isNull(), isNull()))
                .willThrow(new InvalidTransitionException("approve", ApplicationState.SUBMITTED.name()));
        mvc.perform(post("/api/applications/app-1/approve").with(jwt().jwt(Callers.citra())))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.code").value("invalid-transition"))
                .andExpect(jsonPath("$.state").value("SUBMITTED"));
    }

    @Test
    void wrongRolesAreForbidden() throws Exception {
        given(service.approve(any(), eq("app-1"), isNull(), isNull()))
                .willThrow(new NotPermittedException("Only a supervisor of the office approves."));
        mvc.perform(post("/api/applications/app-1/approve").with(jwt().jwt(Callers.budi())))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.code").value("forbidden"));
        mvc.perform(get("/api/applications/stats").with(jwt().jwt(Callers.ani())))
                .andExpect(status().isForbidden());
    }

    @Test
    void aStaleIfMatchIsAPreconditionFailure() throws Exception {
        given(service.updateForm(any(), eq("app-1"), eq(3L), any())).willThrow(new StaleVersionException());
        mvc.perform(patch("/api/applications/app-1").with(jwt().jwt(Callers.ani())).header("If-Match", "\"3\"")
                .contentType(MediaType.APPLICATION_JSON).content("{\"form\":{\"floors\":3}}"))
                .andExpect(status().isPreconditionFailed()).andExpect(jsonPath("$.code").value("stale-version"));
        mvc.perform(patch("/api/applications/app-1").with(jwt().jwt(Callers.ani())).header("If-Match", "\"abc\"")
                .contentType(MediaType.APPLICATION_JSON).content("{\"form\":{\"floors\":3}}"))
                .andExpect(status().isPreconditionFailed());
    }

    @Test
    void reasonsAreRequiredForRevisionAndRejection() throws Exception {
        mvc.perform(post("/api/applications/app-1/request-revision").with(jwt().jwt(Callers.budi()))
                .contentType(MediaType.APPLICATION_JSON).content("{\"reason\":\"\"}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("reason"));
        mvc.perform(post("/api/applications/app-1/reject").with(jwt().jwt(Callers.citra()))
                .contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void searchRefusesUnknownSortsHugePagesBadStatesAndLongQueries() throws Exception {
        mvc.perform(get("/api/applications?sort=password,desc").with(jwt().jwt(Callers.budi())))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("sort"));
        mvc.perform(get("/api/applications?size=5000").with(jwt().jwt(Callers.budi())))
                .andExpect(status().isBadRequest());
        for (String paging : new String[] { "size=abc", "size=0", "page=-1", "page=99999999999", "sort=$where",
                "sort=createdAt,sideways" }) {
            mvc.perform(get("/api/applications?" + paging).with(jwt().jwt(Callers.budi())))
                    .andExpect(status().isBadRequest()).andExpect(content().contentTypeCompatibleWith(PROBLEM));
        }
        mvc.perform(get("/api/applications?state=LOST").with(jwt().jwt(Callers.budi())))
                .andExpect(status().isBadRequest()).andExpect(content().contentTypeCompatibleWith(PROBLEM));
        mvc.perform(get("/api/applications?q=" + "a".repeat(101)).with(jwt().jwt(Callers.budi())))
                .andExpect(status().isBadRequest()).andExpect(content().contentTypeCompatibleWith(PROBLEM));
    }

    @Test
    void hostileIdsNeverReachTheService() throws Exception {
        mvc.perform(get("/api/applications/{id}", "x".repeat(65)).with(jwt().jwt(Callers.ani())))
                .andExpect(status().isBadRequest()).andExpect(content().contentTypeCompatibleWith(PROBLEM));
        mvc.perform(get("/api/applications/{id}", "$where").with(jwt().jwt(Callers.ani())))
                .andExpect(status().isBadRequest());
    }

    @Test
    void unknownPathsAreNotFoundProblems() throws Exception {
        mvc.perform(get("/api/applications/app-1/nothing").with(jwt().jwt(Callers.ani())))
                .andExpect(status().isNotFound()).andExpect(content().contentTypeCompatibleWith(PROBLEM));
    }
}
