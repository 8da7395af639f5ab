package org.satupintu.notification.inbox.web;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.satupintu.notification.inbox.Inbox;
import org.satupintu.notification.inbox.Recipients;
import org.satupintu.support.problem.ApiException;
import org.satupintu.support.problem.FieldError;
import org.satupintu.support.security.Caller;
import org.satupintu.support.security.Role;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PagedModel;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The caller's in-app notifications (their own plus their office-role ones), newest first, and the live stream. */
@RestController
@RequestMapping("/api/notifications")
class InboxController {

    private final Inbox inbox;
    private final NotificationStream stream;

    InboxController(Inbox inbox, NotificationStream stream) {
        this.inbox = inbox;
        this.stream = stream;
    }

    @GetMapping
    PagedModel<NotificationView> list(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) @Nullable Boolean unread, Pageable pageable) {
        List<String> recipients = Recipients.of(Caller.of(jwt));
        return new PagedModel<>(inbox.page(recipients, unread, pageable).map(NotificationView::of));
    }

    @PostMapping("/{id}/read")
    ResponseEntity<Void> markRead(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        if (!inbox.markRead(id, Recipients.of(Caller.of(jwt)))) {
            throw ApiException.notFound("Notification " + id);
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * New notifications as Server-Sent Events ({@code event: notification}, {@code id:} = sequence number). A client
     * that reconnects with {@code Last-Event-ID} first gets what it missed. A user holds at most three streams (a
     * fourth ends the oldest); a stream ends when the token it was opened with expires.
     */
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@AuthenticationPrincipal Jwt jwt,
            @RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
        Long resumeAfter = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                resumeAfter = Long.parseLong(lastEventId.trim());
            }
            catch (NumberFormatException e) {
                throw ApiException.invalid("Last-Event-ID must be a number from this stream.", List.of(
                        new FieldError("Last-Event-ID", "not a number")));
            }
        }
        Caller caller = Caller.of(jwt);
        return stream.open(caller.subject(), Recipients.of(caller), resumeAfter, jwt.getExpiresAt());
    }
}
