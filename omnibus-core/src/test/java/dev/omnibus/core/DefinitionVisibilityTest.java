package dev.omnibus.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.omnibus.core.store.InMemoryMessageStore;
import dev.omnibus.core.time.ManualTimeSource;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** With real threads, a definition change is visible to the next lookup as soon as the update returns. */
class DefinitionVisibilityTest {
    @Test
    void anUpdateIsVisibleAtOnce() {
        ForkJoinPool pool = new ForkJoinPool(2);
        try (Broker broker = Broker.open(new InMemoryMessageStore(), new ManualTimeSource(), pool)) {
            Namespace ns = broker.namespace();
            ns.createQueue(QueueDescription.builder("q").build()).join();
            ns.createTopic(TopicDescription.builder("t").build()).join();
            for (int i = 1; i <= 200; i++) {
                QueueDescription q = ns.getQueue("q").orElseThrow();
                ns.updateQueue(q.toBuilder().userMetadata("v" + i).build()).join();
                assertThat(ns.getQueue("q").orElseThrow().userMetadata()).isEqualTo("v" + i);
                TopicDescription t = ns.getTopic("t").orElseThrow();
                ns.updateTopic(t.toBuilder().userMetadata("v" + i).build()).join();
                assertThat(ns.getTopic("t").orElseThrow().userMetadata()).isEqualTo("v" + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
