package org.satupintu.application.review;

import java.util.List;

import org.satupintu.application.security.Caller;
import org.springframework.data.domain.Page;
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
import org.springframework.web.bind.annotation.RestController;

/** Lists the applications the caller may see: applicants their own, office staff their office, admin all. */
@RestController
@RequestMapping("/api/applications")
class ApplicationQueryController {

    private final MongoTemplate mongo;

    ApplicationQueryController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping
    PagedModel<org.bson.Document> list(@AuthenticationPrincipal Jwt jwt, Pageable pageable) {
        Caller caller = Caller.of(jwt);
        Query query = new Query(visibleTo(caller));
        long total = mongo.count(query, "applications");
        List<org.bson.Document> content = mongo.find(query.with(pageable), org.bson.Document.class, "applications");
        Page<org.bson.Document> page = new PageImpl<>(content, pageable, total);
        return new PagedModel<>(page);
    }

    static Criteria visibleTo(Caller caller) {
        if (caller.hasRole("admin")) {
            return new Criteria();
        }
        if (caller.hasAnyRole("officer", "supervisor", "integration", "ops") && caller.office() != null) {
            return Criteria.where("officeCode").is(caller.office());
        }
        return Criteria.where("applicant.id").is(caller.subject());
    }
}
