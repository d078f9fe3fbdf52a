package dev.omnibus.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.WriteBatch;

/** Records built in Java are byte for byte what RocksDB's own write batch makes of the same ops. */
class BatchRepTest {
    @TempDir
    Path dir;

    @Test
    void matchesTheNativeWriteBatchLayout() throws Exception {
        try (RocksHandles rocks = RocksHandles.open(EmbeddedStoreOptions.defaults(dir)
                .withBlockCacheBytes(8L << 20).withWriteBufferBytes(16L << 20));
             WriteBatch wb = new WriteBatch()) {
            OpRecords.Families f = rocks.families();
            byte[] key = Keys.message(7, 42);
            byte[] big = new byte[300]; // a length that needs two varint bytes
            big[299] = 9;
            byte[] name = "id-1".getBytes(StandardCharsets.UTF_8);

            wb.put(rocks.meta, key, new byte[] {1, 2, 3});
            wb.put(rocks.payload, key, big);
            wb.put(rocks.payload, Keys.message(7, 43), new byte[0]);
            wb.delete(rocks.meta, key);
            wb.deleteRange(rocks.sessions, Keys.id(7), Keys.id(8));
            wb.put(rocks.duplicates, name, Keys.id(5));

            BatchRep first = new BatchRep(1);
            first.put(f.meta(), key, new byte[] {1, 2, 3});
            first.put(f.payload(), key, big);
            BatchRep second = new BatchRep(1);
            second.put(f.payload(), Keys.message(7, 43), new byte[0]);
            second.delete(f.meta(), key);
            second.deleteRange(f.sessions(), Keys.id(7), Keys.id(8));
            second.put(f.duplicates(), name, Keys.id(5));

            assertThat(first.count() + second.count()).isEqualTo(wb.count());
            assertThat(BatchRep.concat(List.of(first, second))).isEqualTo(wb.data());
        }
    }

    @Test
    void aBatchBuiltInJavaIsApplied() throws Exception {
        try (RocksHandles rocks = RocksHandles.open(EmbeddedStoreOptions.defaults(dir)
                .withBlockCacheBytes(8L << 20).withWriteBufferBytes(16L << 20))) {
            OpRecords.Families f = rocks.families();
            BatchRep rep = new BatchRep(16);
            for (long seq = 1; seq <= 1000; seq++) {
                rep.put(f.payload(), Keys.message(3, seq), Keys.id(seq * 2));
            }
            rep.delete(f.payload(), Keys.message(3, 500));
            try (WriteBatch wb = new WriteBatch(rep.serialize())) {
                rocks.db.write(rocks.writeOptions, wb);
            }
            assertThat(Keys.firstLong(rocks.db.get(rocks.payload, Keys.message(3, 999)))).isEqualTo(1998);
            assertThat(rocks.db.get(rocks.payload, Keys.message(3, 500))).isNull();
        }
    }
}
