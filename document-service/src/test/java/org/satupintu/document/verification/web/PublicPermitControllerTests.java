package org.satupintu.document.verification.web;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.satupintu.support.ServiceSupportAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.satupintu.document.signing.SigningKeys;
import org.satupintu.document.verification.PermitVerification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The public verification needs no token and answers problem JSON for an unknown number. */
@WebMvcTest(PublicPermitController.class)
@ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
class PublicPermitControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    PermitVerification verification;

    @MockitoBean
    SigningKeys keys;

    @Test
    void aKnownPermitIsShownWithoutAToken() throws Exception {
        given(verification.verify("PBG-1")).willReturn(Optional.of(new PermitVerification.Result("PBG-1", "PBG",
                "A** S******", "SULUT-MANADO", Instant.parse("2026-11-27T10:00:00Z"),
                PermitVerification.Status.VALID, "ab".repeat(32), "SHA256withRSA", "k1", "c2ln", true, true,
                Instant.parse("2031-11-27T10:00:00Z"), null, null)));
        mvc.perform(get("/api/public/permits/PBG-1")).andExpect(status().isOk())
                .andExpect(jsonPath("$.holder").value("A** S******"))
                .andExpect(jsonPath("$.status").value("VALID"))
                .andExpect(jsonPath("$.validUntil").value("2031-11-27T10:00:00Z"))
                .andExpect(jsonPath("$.signature.valid").value(true))
                .andExpect(jsonPath("$.signature.keyId").value("k1"));
    }

    @Test
    void anUnknownPermitIsANotFoundProblem() throws Exception {
        given(verification.verify("NOPE")).willReturn(Optional.empty());
        mvc.perform(get("/api/public/permits/NOPE")).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("not-found"));
    }
}
