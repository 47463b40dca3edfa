package nl.trajectorytracker.infra.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server reads without the collections' locks, on the version of the store that was current when a read
 * began, while its checkpoints commit and compact the file. A read that registered its version with H2
 * ({@code DurableBackend}) finds every page of it however many checkpoints pass; the canary shows why it must: an
 * unregistered read that outlives H2's retention time fails once the compaction moved its pages (as a rebuild's scan of 260,000 commits
 * did in the benchmark). If the canary fails, H2 keeps old versions by itself now.
 */
class LongReadDuringCompactionTest {

    private static final int ENTRIES = 20_000;

    @TempDir
    Path data;

    @Test
    void aRegisteredRead_findsEveryPageOfItsVersion_throughCheckpointsAndCompactions() {
        try (MVStore store = filledStore("registered")) {
            MVMap<Integer, String> map = store.openMap("documents");
            MVStore.TxCounter reading = store.registerVersionUsage();
            try {
                Iterator<Map.Entry<Integer, String>> read = map.entrySet().iterator();
                int seen = readSome(read);
                churn(store, map);
                while (read.hasNext()) {
                    read.next();
                    seen++;
                }
                assertThat(seen).isEqualTo(ENTRIES);
            } finally {
                store.deregisterVersionUsage(reading);
            }
        }
    }

    @Test
    void canary_anUnregisteredReadThatOutlivesTheKeptVersions_losesItsPages() {
        try (MVStore store = filledStore("unregistered")) {
            MVMap<Integer, String> map = store.openMap("documents");
            Iterator<Map.Entry<Integer, String>> read = map.entrySet().iterator();
            readSome(read);
            churn(store, map);
            assertThatThrownBy(() -> read.forEachRemaining(entry -> { }))
                    .isInstanceOf(MVStoreException.class).hasMessageContaining("not found");
        }
    }

    /** A store as the embedded server opens it, filled over several commits. */
    private MVStore filledStore(String name) {
        MVStore store = new MVStore.Builder().fileName(data.resolve(name + ".mv.db").toString()).autoCommitDisabled()
                .autoCommitBufferSize(0).cacheSize(1).open();
        store.setAutoCommitDelay(Integer.MAX_VALUE);
        // H2 reuses the space of a chunk no registered version needs once it is older than the retention time
        // (45 s): none here stands for a read that takes longer than that, such as a scan of a large event store
        store.setRetentionTime(0);
        MVMap<Integer, String> map = store.openMap("documents");
        for (int i = 0; i < ENTRIES; i++) {
            map.put(i, "document " + i + " ".repeat(200));
            if (i % 2_000 == 1_999) {
                store.commit();
            }
        }
        store.commit();
        return store;
    }

    private static int readSome(Iterator<Map.Entry<Integer, String>> read) {
        int seen = 0;
        while (seen < 100 && read.hasNext()) {
            read.next();
            seen++;
        }
        return seen;
    }

    /** Checkpoints as the embedded server's: every document rewritten, committed, the sparse chunks compacted. */
    private static void churn(MVStore store, MVMap<Integer, String> map) {
        for (int round = 0; round < 12; round++) {
            for (int i = 0; i < ENTRIES; i++) {
                map.put(i, "document " + i + " round " + round + " ".repeat(200));
            }
            store.commit();
            store.compact(80, 4 * 1024 * 1024);
            store.commit();
        }
    }
}
