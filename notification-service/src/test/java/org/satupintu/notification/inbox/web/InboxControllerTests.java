package org.satupintu.notification.inbox.web;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.satupintu.notification.inbox.Inbox;
import org.satupintu.notification.inbox.Notification;
import org.satupintu.support.ServiceSupportAutoConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.satupintu.testsupport.Callers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The inbox's web layer: page shape, who sees what, and problem answers. */
@WebMvcTest(InboxController.class)
@ImportAutoConfiguration(ServiceSupportAutoConfiguration.class)
class InboxControllerTests {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Inbox inbox;

    @MockitoBean
    NotificationStream stream;

    static Notification notification() {
        return new Notification("n1", 7, "user:" + Callers.ANI_ID, "e1", "satupintu.application.issued.v1", "a1",
                "REG-SULUT-MANADO-2026-000001", "Izin terbit", "Selamat", "id", Instant.parse("2026-11-27T10:00:00Z"),
                null);
    }

    @Test
    void listsTheCallersNotificationsAsAPage() throws Exception {
        given(inbox.page(eq(List.of("user:" + Callers.ANI_ID)), eq(true), any()))
                .willReturn(new PageImpl<>(List.of(notification()), PageRequest.of(0, 20), 1));
        mvc.perform(get("/api/notifications?unread=true").with(jwt().jwt(Callers.ani())))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.content[0].id").value("n1"))
                .andExpect(jsonPath("$.content[0].title").value("Izin terbit"))
                .andExpect(jsonPath("$.content[0].registrationNumber").value("REG-SULUT-MANADO-2026-000001"))
                .andExpect(jsonPath("$.content[0].recipient").doesNotExist())
                .andExpect(jsonPath("$.content[0].seq").doesNotExist())
                .andExpect(jsonPath("$.page.totalElements").value(1))
                .andExpect(jsonPath("$.page.number").value(0));
    }

    @Test
    void officersAlsoSeeTheirOfficesNotifications() throws Exception {
        given(inbox.page(any(), any(), any())).willReturn(new PageImpl<>(List.of()));
        mvc.perform(get("/api/notifications").with(jwt().jwt(Callers.citra()))).andExpect(status().isOk());
        org.mockito.Mockito.verify(inbox).page(eq(List.of("user:" + java.util.UUID.nameUUIDFromBytes(
                "citra".getBytes()), "office:SULUT-MANADO:officer", "office:SULUT-MANADO:supervisor")), eq(null),
                any());
    }

    @Test
    void markingSomeoneElsesNotificationIsNotFound() throws Exception {
        given(inbox.markRead(eq("n1"), any())).willReturn(false);
        mvc.perform(post("/api/notifications/n1/read").with(jwt().jwt(Callers.eko())))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("not-found"));
    }

    @Test
    void markingOwnNotificationIsNoContent() throws Exception {
        given(inbox.markRead(eq("n1"), any())).willReturn(true);
        mvc.perform(post("/api/notifications/n1/read").with(jwt().jwt(Callers.ani())))
                .andExpect(status().isNoContent());
    }

    @Test
    void anonymousIsAnUnauthorizedProblem() throws Exception {
        mvc.perform(get("/api/notifications")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthorized"));
    }
}
