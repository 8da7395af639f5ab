package org.satupintu.document.upload;

import java.util.List;

import org.satupintu.document.security.Caller;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lists the documents of an application that the caller may see. */
@RestController
@RequestMapping("/api/documents")
class DocumentQueryController {

    private final MongoTemplate mongo;

    DocumentQueryController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping
    List<org.bson.Document> list(@AuthenticationPrincipal Jwt jwt, @RequestParam String applicationId) {
        Caller caller = Caller.of(jwt);
        Criteria visible = caller.hasRole("admin") ? new Criteria()
                : caller.office() != null ? Criteria.where("officeCode").is(caller.office())
                        : Criteria.where("applicantId").is(caller.subject());
        Query query = new Query(new Criteria().andOperator(Criteria.where("applicationId").is(applicationId), visible));
        return mongo.find(query, org.bson.Document.class, "documents");
    }
}
