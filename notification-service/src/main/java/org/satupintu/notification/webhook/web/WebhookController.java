package org.satupintu.notification.webhook.web;

import java.net.URI;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.satupintu.support.security.Caller;
import org.satupintu.support.security.Role;
import org.satupintu.notification.webhook.Webhooks;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PagedModel;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Webhook subscriptions of regional office systems (integration) and admins. */
@RestController
@RequestMapping("/api/webhooks")
class WebhookController {

    private final Webhooks webhooks;

    WebhookController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping
    ResponseEntity<CreatedWebhookView> create(@AuthenticationPrincipal Jwt jwt,
            @Valid @RequestBody WebhookRequest request) {
        Webhooks.Created created = webhooks.create(Caller.of(jwt), request.url(), request.eventTypes(),
                request.officeCode());
        return ResponseEntity.created(URI.create("/api/webhooks/" + created.subscription().id()))
                .body(CreatedWebhookView.of(created));
    }

    @GetMapping
    PagedModel<WebhookView> list(@AuthenticationPrincipal Jwt jwt,
            @RequestParam(required = false) @Nullable String officeCode, Pageable pageable) {
        return new PagedModel<>(webhooks.list(Caller.of(jwt), officeCode, pageable).map(WebhookView::of));
    }

    @GetMapping("/{id}")
    WebhookView get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return WebhookView.of(webhooks.get(Caller.of(jwt), id));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        webhooks.delete(Caller.of(jwt), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/resume")
    WebhookView resume(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return WebhookView.of(webhooks.resume(Caller.of(jwt), id));
    }

    @GetMapping("/{id}/deliveries")
    PagedModel<WebhookDeliveryView> deliveries(@AuthenticationPrincipal Jwt jwt, @PathVariable String id,
            Pageable pageable) {
        return new PagedModel<>(webhooks.deliveries(Caller.of(jwt), id, pageable).map(WebhookDeliveryView::of));
    }
}
