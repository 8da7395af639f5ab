package org.satupintu.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTests {

    @TempDir
    Path dir;

    @Test
    void killTakesDownTheWholeTreeAtOnceEvenWhenItIgnoresPoliteSignals() {
        // A shell that ignores SIGTERM and has a child of its own: only SIGKILL of every process ends it.
        ChildProcess process = ChildProcess.start("stubborn",
                List.of("sh", "-c", "trap '' TERM; sleep 300 & wait"), Map.of(), dir, dir.resolve("stubborn.log"));
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (process.tree().size() < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            List<ProcessHandle> tree = process.tree();
            assertThat(tree).hasSizeGreaterThanOrEqualTo(2);

            long started = System.nanoTime();
            process.kill();

            assertThat(tree).noneMatch(ProcessHandle::isAlive);
            assertThat(process.isAlive()).isFalse();
            assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(10_000);
        }
        finally {
            process.close();
        }
    }
}
