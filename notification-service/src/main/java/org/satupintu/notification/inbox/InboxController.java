package org.satupintu.notification.inbox;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.web.PagedModel;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The caller's in-app notifications, newest first. */
@RestController
@RequestMapping("/api/notifications")
class InboxController {

    private final MongoTemplate mongo;

    InboxController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping
    PagedModel<org.bson.Document> list(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) @Nullable Boolean unread,
            Pageable pageable) {
        Criteria criteria = Criteria.where("recipientId").is(jwt.getSubject());
        if (unread != null) {
            criteria = unread ? criteria.and("readAt").isNull() : criteria.and("readAt").ne(null);
        }
        Query query = new Query(criteria);
        long total = mongo.count(query, "notifications");
        List<org.bson.Document> content = mongo.find(query.with(pageable), org.bson.Document.class, "notifications");
        return new PagedModel<>(new PageImpl<>(content, pageable, total));
    }
}
