package org.satupintu.document;

import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.satupintu.events.Topics;
import org.satupintu.testsupport.TestInfrastructure;

/**
 * Object Mother of application CloudEvents, published the way application-service's relay does (by the admin
 * principal: document-service's own may not write application-service's topic).
 */
final class ApplicationEventMother {

    private ApplicationEventMother() {
    }

    static String event(String eventId, String type, String applicationId, String applicantId, String state,
            Instant time, String permitNumber) {
        return """
                {"specversion":"1.0","id":"%s","source":"/satupintu/application-service","type":"%s",
                 "subject":"%s","time":"%s","datacontenttype":"application/json",
                 "data":{"applicationId":"%s","registrationNumber":"REG-SULUT-MANADO-2026-000001",
                         "officeCode":"SULUT-MANADO","permitTypeCode":"PBG","state":"%s","applicantId":"%s",
                         "applicantName":"Ani Suryani","locale":"id","actor":"ani","permitNumber":%s,
                         "futureField":42}}"""
                .formatted(eventId, type, applicationId, time, applicationId, state, applicantId,
                        permitNumber == null ? "null" : "\"" + permitNumber + "\"");
    }

    /** An event with extra data members (JSON, e.g. {@code "validUntil":"…"}) beside the usual ones. */
    static String publishWith(String type, String applicationId, String applicantId, String state, Instant time,
            String permitNumber, String extraData) {
        String id = UUID.randomUUID().toString();
        send(applicationId, event(id, type, applicationId, applicantId, state, time, permitNumber)
                .replace("\"futureField\":42", extraData + ",\"futureField\":42"));
        return id;
    }

    static String publish(String type, String applicationId,
            String applicantId, String state, Instant time, String permitNumber) {
        String id = UUID.randomUUID().toString();
        send(applicationId, event(id, type, applicationId, applicantId, state, time, permitNumber));
        return id;
    }

    static void send(String applicationId, String event) {
        TestInfrastructure.publish(new ProducerRecord<>(Topics.APPLICATION_EVENTS, applicationId, event));
    }
}
