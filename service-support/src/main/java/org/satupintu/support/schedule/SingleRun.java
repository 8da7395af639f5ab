package org.satupintu.support.schedule;

import java.time.Duration;
import java.time.Instant;

import com.mongodb.client.MongoCollection;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a scheduled job on one replica at a time, with ShedLock's MongoDB lock provider: a lock is a document in
 * {@value #COLLECTION} ({@code _id} = the job's name, {@code lockUntil}) taken by one atomic find-and-modify with
 * upsert; a replica that finds it held skips the round. The lock is released when the job ends; if the replica
 * dies while holding it, it expires after {@code atMostFor}, so pick that above the job's longest run. Every
 * query is an {@code _id} equality, which the embedded store serves from its {@code _id} index.
 *
 * <p>A job that runs under it must still be safe to run twice in a row (a lock that expired under a slow run can be
 * taken by another replica): the jobs here also guard each write with the aggregate's version.
 */
public class SingleRun {

    /** The collection of the locks (ShedLock's default name). */
    public static final String COLLECTION = "shedLock";

    private static final Logger log = LoggerFactory.getLogger(SingleRun.class);

    private final LockingTaskExecutor executor;

    public SingleRun(MongoCollection<Document> locks) {
        this.executor = new DefaultLockingTaskExecutor(new MongoLockProvider(locks));
    }

    /**
     * Runs {@code job} if no other replica (or thread) runs the job of that name now.
     *
     * @param name the job's name, the same on every replica
     * @param atMostFor how long the lock outlives a replica that died while holding it
     * @return whether the job ran here
     */
    public boolean run(String name, Duration atMostFor, Runnable job) {
        try {
            boolean ran = executor.executeWithLock((LockingTaskExecutor.TaskWithResult<Boolean>) () -> {
                job.run();
                return Boolean.TRUE;
            }, new LockConfiguration(Instant.now(), name, atMostFor, Duration.ZERO)).wasExecuted();
            if (!ran) {
                log.debug("Job {} runs on another replica; skipped this round", name);
            }
            return ran;
        }
        catch (RuntimeException | Error e) {
            throw e;
        }
        catch (Throwable e) {
            throw new IllegalStateException("Job " + name + " failed", e);
        }
    }
}
