package dev.omnibus.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.core.Broker;
import dev.omnibus.core.Namespace;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.store.InMemoryMessageStore;
import dev.omnibus.core.time.ManualTimeSource;
import dev.omnibus.server.config.ConfigApplier.Mode;
import dev.omnibus.server.config.ConfigApplier.Result;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ConfigApplierTest {
    private final Broker broker = Broker.open(new InMemoryMessageStore(), new ManualTimeSource(), Runnable::run);
    private final Namespace namespace = broker.namespace();

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    @Test
    void createsTheSampleQueueAndSkipsTopics() {
        Result result = ConfigApplier.apply(ConfigLoader.loadResource("/config/emulator-sample.json"), namespace,
                Mode.CREATE_OR_UPDATE);

        assertThat(result.created()).containsExactly("queue.1");
        assertThat(namespace.getQueue("queue.1")).get()
                .satisfies(d -> assertThat(d.maxDeliveryCount()).isEqualTo(3));
        assertThat(namespace.hasQueue("topic.1")).isFalse();
    }

    @Test
    void createsForwardTargetsFirstWhateverTheirPlaceInTheFile() {
        Result result = ConfigApplier.apply(config("""
                {"Name": "a", "Properties": {"ForwardTo": "b"}},
                {"Name": "b", "Properties": {"ForwardTo": "c", "ForwardDeadLetteredMessagesTo": "a"}},
                {"Name": "c"}"""), namespace, Mode.CREATE_OR_UPDATE);

        assertThat(result.created()).containsExactly("c", "b", "a");
        assertThat(namespace.getQueue("a").orElseThrow().forwardTo()).isEqualTo("b");
    }

    @Test
    void updatesAQueueWhoseDefinitionDiffers() {
        ConfigApplier.apply(config("{\"Name\": \"q\", \"Properties\": {\"MaxDeliveryCount\": 3}}"), namespace,
                Mode.CREATE_OR_UPDATE);

        Result result = ConfigApplier.apply(config("{\"Name\": \"Q\", \"Properties\": {\"MaxDeliveryCount\": 5}}"),
                namespace, Mode.CREATE_OR_UPDATE);

        assertThat(result.updated()).containsExactly("q");
        assertThat(namespace.getQueue("q").orElseThrow().maxDeliveryCount()).isEqualTo(5);
    }

    @Test
    void leavesAnIdenticalQueueUntouched() {
        EmulatorConfig config = config("{\"Name\": \"q\", \"Properties\": {\"LockDuration\": \"PT30S\"}}");
        ConfigApplier.apply(config, namespace, Mode.CREATE_OR_UPDATE);
        QueueDescription before = namespace.getQueue("q").orElseThrow();

        Result result = ConfigApplier.apply(config, namespace, Mode.CREATE_OR_UPDATE);

        assertThat(result.unchanged()).containsExactly("q");
        assertThat(namespace.getQueue("q").orElseThrow().updatedAt()).isEqualTo(before.updatedAt());
    }

    @Test
    void createOnlyNeverOverridesAnExistingQueue() {
        namespace.createQueue(QueueDescription.builder("queue.1").maxDeliveryCount(7).build()).join();

        Result result = ConfigApplier.apply(ConfigLoader.loadResource("/config/emulator-sample.json"), namespace,
                Mode.CREATE_ONLY);

        assertThat(result.unchanged()).containsExactly("queue.1");
        assertThat(namespace.getQueue("queue.1").orElseThrow().maxDeliveryCount()).isEqualTo(7);
    }

    @Test
    void leavesQueuesTheFileDoesNotMention() {
        namespace.createQueue(QueueDescription.builder("made-at-runtime").build()).join();

        ConfigApplier.apply(config("{\"Name\": \"q\"}"), namespace, Mode.CREATE_OR_UPDATE);

        assertThat(namespace.hasQueue("made-at-runtime")).isTrue();
    }

    @Test
    void mayForwardToAnExistingQueueNotInTheFile() {
        namespace.createQueue(QueueDescription.builder("existing").build()).join();

        ConfigApplier.apply(config("{\"Name\": \"q\", \"Properties\": {\"ForwardTo\": \"existing\"}}"), namespace,
                Mode.CREATE_OR_UPDATE);

        assertThat(namespace.getQueue("q").orElseThrow().forwardTo()).isEqualTo("existing");
    }

    @Test
    void refusesAForwardTargetThatExistsNowhere() {
        assertThatThrownBy(() -> ConfigApplier.apply(
                config("{\"Name\": \"q\", \"Properties\": {\"ForwardDeadLetteredMessagesTo\": \"nowhere\"}}"),
                namespace, Mode.CREATE_OR_UPDATE))
                .isInstanceOf(ConfigException.class)
                .hasMessage("UserConfig.Namespaces[0].Queues[0].Properties.ForwardDeadLetteredMessagesTo: "
                        + "'nowhere' is neither declared in this file nor an existing queue");
        assertThat(namespace.hasQueue("q")).isFalse();
    }

    @Test
    void refusesAForwardingLoop() {
        assertThatThrownBy(() -> ConfigApplier.apply(config("""
                {"Name": "a", "Properties": {"ForwardTo": "b"}},
                {"Name": "b", "Properties": {"ForwardTo": "a"}}"""), namespace, Mode.CREATE_OR_UPDATE))
                .isInstanceOf(ConfigException.class)
                .hasMessage("UserConfig.Namespaces[0].Queues[0].Properties.ForwardTo: "
                        + "ForwardTo makes a loop: a -> b -> a");
        assertThat(namespace.listQueues()).isEmpty();
    }

    @Test
    void anImmutableChangeIsAConfigErrorNamingTheQueue() {
        namespace.createQueue(QueueDescription.builder("q").build()).join();

        assertThatThrownBy(() -> ConfigApplier.apply(
                config("{\"Name\": \"q\", \"Properties\": {\"RequiresSession\": true}}"), namespace,
                Mode.CREATE_OR_UPDATE))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("UserConfig.Namespaces[0].Queues[0]: cannot apply queue 'q': ")
                .hasMessageContaining("RequiresSession");
    }

    @Test
    void comparesDefinitionsIgnoringTimestampsAndNameCase() {
        QueueDescription stored = QueueDescription.builder("Orders").lockDuration(Duration.ofSeconds(30))
                .createdAt(java.time.Instant.ofEpochSecond(5)).build();

        assertThat(ConfigApplier.sameDefinition(stored,
                QueueDescription.builder("orders").lockDuration(Duration.ofSeconds(30)).build())).isTrue();
        assertThat(ConfigApplier.sameDefinition(stored, QueueDescription.builder("orders").build())).isFalse();
    }

    private static EmulatorConfig config(String queues) {
        return ConfigLoader.parse("""
                {"UserConfig": {"Namespaces": [{"Name": "sbemulatorns", "Queues": [%s]}]}}""".formatted(queues));
    }
}
