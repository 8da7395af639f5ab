package org.satupintu.application.numbering;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Human-readable, URL-safe numbers unique per office and year, like {@code REG-SULUT-MANADO-2026-000123}. Each
 * series is a counter document incremented atomically with findAndModify, so concurrent requests and several
 * replicas never get the same number.
 */
@Component
public class NumberIssuer {

    private final MongoTemplate mongo;

    NumberIssuer(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public record Counter(String id, long seq) {
    }

    public String next(String prefix, String officeCode, int year) {
        String series = prefix + "-" + officeCode + "-" + year;
        return series + "-" + String.format("%06d", nextSerial(series));
    }

    /** The next number of a series (1, 2, ...), for numbers of another shape such as billing codes. */
    public long nextSerial(String series) {
        Counter counter = mongo.findAndModify(Query.query(Criteria.where("_id").is(series)),
                new Update().inc("seq", 1L), FindAndModifyOptions.options().upsert(true).returnNew(true),
                Counter.class, "counters");
        if (counter == null) {
            throw new IllegalStateException("Counter " + series + " was not returned");
        }
        return counter.seq();
    }
}
