package org.satupintu.notification.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.satupintu.testsupport.TestInfrastructure;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The inbox read model answers what the notifications collection answers (pages, unread filter, totals, the live
 * stream's queries), across months, after marks and redeliveries and concurrent stores; repairs an interrupted
 * store; builds itself from existing notifications. Real MongoDB-wire store.
 */
class InboxReadModelIntegrationTests {

    MongoClient client;
    MongoTemplate mongo;
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-09-28T08:00:00Z"));
    Inbox inbox;
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String ani = "user:ani-" + run;
    final String officers = "office:RM-" + run + ":officer";
    final String supervisors = "office:RM-" + run + ":supervisor";

    @BeforeEach
    void inbox() {
        client = MongoClients.create(TestInfrastructure.mongoUri());
        mongo = new MongoTemplate(client, "inbox-read-model-" + run);
        inbox = new Inbox(mongo, new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        });
        inbox.views().rebuildIfMissing();
    }

    @AfterEach
    void close() {
        client.close();
    }

    String store(String recipient) {
        String id = "n-" + UUID.randomUUID();
        assertThat(inbox.store(new Inbox.NewNotification(id, recipient, "e-" + id, "satupintu.application.submitted.v1",
                "app-1", "REG-1", "Judul", "Isi", "id"))).isTrue();
        now.set(now.get().plus(Duration.ofHours(7)));
        return id;
    }

    /** Four months of notifications for three recipient keys, some read. */
    List<String> populate() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            ids.add(store(i % 3 == 0 ? ani : i % 3 == 1 ? officers : supervisors));
        }
        for (int i = 0; i < ids.size(); i += 4) {
            String recipient = i % 3 == 0 ? ani : i % 3 == 1 ? officers : supervisors;
            assertThat(inbox.markRead(ids.get(i), List.of(recipient))).isTrue();
        }
        return ids;
    }

    static final List<Sort> SORTS = List.of(Sort.unsorted(), Sort.by(Sort.Direction.DESC, "createdAt"),
            Sort.by(Sort.Direction.ASC, "seq"), Sort.by(Sort.Direction.DESC, "seq"));

    void assertPagesMatchTheCollection(List<String> recipients) {
        assertPagesMatchTheCollection(recipients, SORTS);
    }

    void assertPagesMatchTheCollection(List<String> recipients, List<Sort> sorts) {
        for (Boolean unread : new Boolean[] { null, true, false }) {
            for (Sort sort : sorts) {
                for (Pageable pageable : List.of(PageRequest.of(0, 20, sort), PageRequest.of(1, 20, sort),
                        PageRequest.of(3, 7, sort), PageRequest.of(0, 1, sort), PageRequest.of(9, 50, sort))) {
                    Page<Notification> fromViews = inbox.page(recipients, unread, pageable);
                    Pageable sorted = pageable.getSort().isSorted() ? pageable
                            : PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(),
                                    Sort.by(Sort.Direction.DESC, "seq"));
                    Page<Notification> fromCollection = inbox.pageFromCollection(recipients, unread, sorted);
                    String what = recipients + " unread=" + unread + " " + pageable;
                    assertThat(fromViews.getContent()).as(what).isEqualTo(fromCollection.getContent());
                    assertThat(fromViews.getTotalElements()).as(what).isEqualTo(fromCollection.getTotalElements());
                }
            }
        }
    }

    @Test
    void pagesUnreadCountsAndTheStreamQueriesMatchTheCollection() {
        List<String> ids = populate();
        assertPagesMatchTheCollection(List.of(ani));
        assertPagesMatchTheCollection(List.of("user:budi-" + run, officers));
        assertPagesMatchTheCollection(List.of("user:citra-" + run, officers, supervisors));
        assertThat(inbox.page(List.of(ani), true, PageRequest.of(0, 1)).getTotalElements()).isEqualTo(22);

        Notification tenth = mongo.findById(ids.get(10), Notification.class);
        assertThat(inbox.after(List.of(officers, supervisors), tenth.seq(), 5)).extracting(Notification::id)
                .containsExactly(ids.get(11), ids.get(13), ids.get(14), ids.get(16), ids.get(17));
        assertThat(inbox.after(List.of(ani), tenth.seq(), 1000)).hasSize(26);
        Instant since = tenth.createdAt().plus(Duration.ofHours(7 * 60));
        assertThat(inbox.createdSince(List.of(ani, officers), since, 1000)).extracting(Notification::id)
                .isEqualTo(mongo.find(org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("recipient").in(ani, officers)
                                .and("createdAt").gte(since)).with(Sort.by("seq")), Notification.class)
                        .stream().map(Notification::id).toList());
    }

    @Test
    void markingReadIsForTheRecipientOnlyAndKeepsTheFirstTime() {
        String id = store(ani);
        Instant firstRead = now.get();
        assertThat(inbox.markRead(id, List.of("user:someone-else"))).isFalse();
        assertThat(inbox.markRead(id, List.of(ani))).isTrue();
        now.set(now.get().plusSeconds(60));
        assertThat(inbox.markRead(id, List.of(ani))).isTrue();
        assertThat(mongo.findById(id, Notification.class).readAt()).isEqualTo(firstRead);
        assertThat(inbox.page(List.of(ani), true, PageRequest.of(0, 10)).getTotalElements()).isZero();
        assertThat(inbox.page(List.of(ani), false, PageRequest.of(0, 10)).getContent()).extracting(Notification::id)
                .containsExactly(id);
        assertThat(inbox.markRead("n-missing", List.of(ani))).isFalse();
    }

    @Test
    void aRedeliveryStoresNothingTwiceAndConcurrentStoresLoseNoEntry() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> stored = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String id = "n-" + UUID.randomUUID();
            stored.add(pool.submit(() -> {
                Inbox.NewNotification n = new Inbox.NewNotification(id, officers, "e-" + id,
                        "satupintu.application.submitted.v1", "app", null, "t", "b", "id");
                inbox.store(n);
                assertThat(inbox.store(n)).isFalse();
                return id;
            }));
        }
        for (Future<String> f : stored) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        Page<Notification> page = inbox.page(List.of(officers), true, PageRequest.of(0, 100));
        assertThat(page.getTotalElements()).isEqualTo(64);
        assertThat(page.getContent()).hasSize(64);
        // all stored at the same instant: the order of creation-time ties is not part of the contract
        assertPagesMatchTheCollection(List.of(officers), List.of(Sort.unsorted(), Sort.by("seq")));
    }

    @Test
    void anInterruptedStoreIsRepairedAndAMissingModelIsBuilt() {
        String kept = store(ani);
        // The writer died between the notification and its entry.
        Notification lost = new Notification("n-lost-" + run, 999_999, ani, "e", "t", "app", null, "t", "b", "id",
                now.get(), null);
        inbox.views().begin(lost.id());
        mongo.insert(lost);
        assertThat(ids(inbox.page(List.of(ani), null, PageRequest.of(0, 10)))).containsExactly(kept);

        assertThat(inbox.views().repair(Duration.ZERO)).isEqualTo(1);
        assertThat(ids(inbox.page(List.of(ani), null, PageRequest.of(0, 10)))).containsExactly(lost.id(), kept);

        // A store that never had a read model (an upgrade): built from the notifications.
        MongoTemplate other = new MongoTemplate(client, "inbox-upgrade-" + run);
        other.insert(lost);
        other.insert(mongo.findById(kept, Notification.class));
        Inbox upgraded = new Inbox(other, Clock.systemUTC());
        assertThat(upgraded.after(List.of(ani), 0, 10)).hasSize(2); // the collection answers meanwhile
        upgraded.views().rebuildIfMissing();
        assertThat(upgraded.views().ready()).isTrue();
        assertThat(ids(upgraded.page(List.of(ani), null, PageRequest.of(0, 10)))).containsExactly(lost.id(), kept);
    }

    static List<String> ids(@Nullable Page<Notification> page) {
        return page == null ? List.of() : page.getContent().stream().map(Notification::id).toList();
    }
}
