package org.satupintu.document.upload.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.satupintu.document.applicationservice.ApplicationServiceUnavailableException;
import org.satupintu.document.applicationservice.RequirementRules;
import org.satupintu.support.problem.ApiException;
import org.satupintu.document.projection.ApplicationView;
import org.satupintu.support.ServiceSupportAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.satupintu.document.storage.ApplicationFacts;
import org.satupintu.document.storage.StoredDocument;
import org.satupintu.document.storage.StoredFile;
import org.satupintu.document.upload.DocumentProperties;
import org.satupintu.document.upload.DocumentService;
import org.satupintu.testsupport.Callers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The web layer alone: every refusal of API.md is the right status with problem JSON. */
@WebMvcTest(DocumentController.class)
@Import(DocumentControllerTests.Settings.class)
class DocumentControllerTests {

    static final String PROBLEM = "application/problem+json";
    static final String BOUNDARY = "xyzBOUNDARY";

    @TestConfiguration
    @EnableConfigurationProperties(DocumentProperties.class)
    @ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
    static class Settings {
    }

    @Autowired
    MockMvc mvc;

    @MockitoBean
    DocumentService service;

    static StoredDocument document() {
        return StoredDocument.uploaded("doc-1", new ApplicationFacts("app-1", "SULUT-MANADO", Callers.ANI_ID, "PBG",
                "DRAFT", null), "KTP", new StoredFile("file-1", 10, "ab".repeat(32)), "ktp.pdf", "application/pdf",
                "ani", Callers.ANI_ID, Instant.parse("2026-11-27T10:00:00Z"));
    }

    static MockHttpServletRequestBuilder multipart(String body) {
        return post("/api/documents").with(jwt().jwt(Callers.ani()))
                .contentType("multipart/form-data; boundary=" + BOUNDARY)
                .content(body.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    static String form(String fileBytes) {
        return """
                --xyzBOUNDARY
                Content-Disposition: form-data; name="applicationId"

                app-1
                --xyzBOUNDARY
                Content-Disposition: form-data; name="requirementCode"

                KTP
                --xyzBOUNDARY
                Content-Disposition: form-data; name="file"; filename="ktp.pdf"
                Content-Type: application/pdf

                %s
                --xyzBOUNDARY--
                """.formatted(fileBytes);
    }

    void target() {
        given(service.prepareUpload(any(), eq("app-1"), eq("KTP"))).willReturn(new DocumentService.UploadTarget(
                new ApplicationView("app-1", "SULUT-MANADO", Callers.ANI_ID, "DRAFT", "PBG", null, null, "Ani"),
                new RequirementRules("KTP", List.of("application/pdf"), 1000), 1000));
    }

    @Test
    void anonymousCallsAreUnauthorizedProblems() throws Exception {
        mvc.perform(get("/api/documents/doc-1")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("unauthorized"));
    }

    @Test
    void anUploadAnswers201WithLocationAndTheDocument() throws Exception {
        target();
        given(service.upload(any(), any(), eq("ktp.pdf"), any(), any())).willReturn(document());
        mvc.perform(multipart(form("%PDF-1.7 hello"))).andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/documents/doc-1"))
                .andExpect(jsonPath("$.id").value("doc-1"))
                .andExpect(jsonPath("$.kind").value("UPLOAD"))
                .andExpect(jsonPath("$.sha256").value("ab".repeat(32)))
                .andExpect(jsonPath("$.fileId").doesNotExist())
                .andExpect(jsonPath("$.outbox").doesNotExist());
    }

    @Test
    void anUnsupportedTypeIs415() throws Exception {
        target();
        given(service.upload(any(), any(), any(), any(), any())).willThrow(new ApiException(
                415, "unsupported-type", "The file is application/x-msdownload."));
        mvc.perform(multipart(form("MZ...."))).andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("unsupported-type"));
    }

    @Test
    void anOversizeFileIs413() throws Exception {
        target();
        given(service.upload(any(), any(), any(), any(), any())).willThrow(DocumentService.tooLarge(1000));
        mvc.perform(multipart(form("%PDF"))).andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("too-large"))
                .andExpect(jsonPath("$.maxSizeBytes").value(1000));
    }

    @Test
    void aFormWithoutFileOrFieldsIsABadRequest() throws Exception {
        mvc.perform(multipart("""
                --xyzBOUNDARY
                Content-Disposition: form-data; name="applicationId"

                app-1
                --xyzBOUNDARY--
                """)).andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.errors[?(@.field=='requirementCode')]").exists());
        mvc.perform(multipart("""
                --xyzBOUNDARY
                Content-Disposition: form-data; name="file"; filename="a.pdf"

                %PDF
                --xyzBOUNDARY--
                """)).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.errors[?(@.field=='applicationId')]").exists());
    }

    @Test
    void applicationStatesAndOutagesMapToTheirStatuses() throws Exception {
        given(service.prepareUpload(any(), any(), any())).willThrow(ApiException.notFound("Application app-1"));
        mvc.perform(multipart(form("%PDF"))).andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("not-found"));
        willThrow(ApiException.conflict("not-editable", "It is SUBMITTED.")).given(service)
                .prepareUpload(any(), any(), any());
        mvc.perform(multipart(form("%PDF"))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("not-editable"));
        willThrow(new ApplicationServiceUnavailableException()).given(service).prepareUpload(any(), any(), any());
        mvc.perform(multipart(form("%PDF"))).andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.code").value("dependency-unavailable"));
    }

    @Test
    void aRangeIsServedAsPartialContent() throws Exception {
        given(service.get(any(), eq("doc-1"))).willReturn(document());
        given(service.content(any(), anyLong())).willAnswer(call -> {
            long offset = call.getArgument(1);
            return new ByteArrayInputStream("0123456789".substring((int) offset).getBytes());
        });
        mvc.perform(get("/api/documents/doc-1/content").with(jwt().jwt(Callers.ani())).header("Range", "bytes=2-5"))
                .andExpect(status().isPartialContent())
                .andExpect(header().string("Content-Range", "bytes 2-5/10"))
                .andExpect(header().string("ETag", "\"" + "ab".repeat(32) + "\""))
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")))
                .andExpect(content().string("2345"));
        mvc.perform(get("/api/documents/doc-1/content").with(jwt().jwt(Callers.ani())).header("Range", "bytes=20-"))
                .andExpect(status().isRequestedRangeNotSatisfiable())
                .andExpect(header().string("Content-Range", "bytes */10"))
                .andExpect(content().contentTypeCompatibleWith(PROBLEM));
        mvc.perform(get("/api/documents/doc-1/content").with(jwt().jwt(Callers.ani())))
                .andExpect(status().isOk()).andExpect(content().string("0123456789"));
    }

    @Test
    void aDeleteIs204() throws Exception {
        mvc.perform(delete("/api/documents/doc-1").with(jwt().jwt(Callers.ani()))).andExpect(status().isNoContent());
    }
}
