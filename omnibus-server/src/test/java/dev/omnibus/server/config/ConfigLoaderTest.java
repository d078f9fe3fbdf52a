package dev.omnibus.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.omnibus.core.Durations;
import dev.omnibus.core.EntityStatus;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.filter.CorrelationFilter;
import dev.omnibus.core.filter.Rule;
import dev.omnibus.core.filter.SqlFilter;
import dev.omnibus.core.filter.SqlRuleAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(20)
class ConfigLoaderTest {

    @Test
    void readsTheEmulatorSample() {
        EmulatorConfig config = ConfigLoader.loadResource("/config/emulator-sample.json");

        assertThat(config.namespaces()).extracting(NamespaceConfig::name).containsExactly("sbemulatorns");
        assertThat(config.defaultNamespace().queues()).hasSize(1);
        QueueConfig queue = config.defaultNamespace().queues().get(0);
        assertThat(queue.path()).isEqualTo("UserConfig.Namespaces[0].Queues[0]");
        QueueDescription d = queue.description();
        assertThat(d.name()).isEqualTo("queue.1");
        assertThat(d.deadLetteringOnMessageExpiration()).isFalse();
        assertThat(d.defaultMessageTimeToLive()).isEqualTo(Duration.ofHours(1));
        assertThat(d.duplicateDetectionHistoryTimeWindow()).isEqualTo(Duration.ofSeconds(20));
        assertThat(d.forwardTo()).isNull();
        assertThat(d.forwardDeadLetteredMessagesTo()).isNull();
        assertThat(d.lockDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(d.maxDeliveryCount()).isEqualTo(3);
        assertThat(d.requiresDuplicateDetection()).isFalse();
        assertThat(d.requiresSession()).isFalse();
        assertThat(config.logTargets()).containsExactly("File");
    }

    @Test
    void readsTheEmulatorSamplesTopicSubscriptionsAndRules() {
        TopicConfig topic = ConfigLoader.loadResource("/config/emulator-sample.json").defaultNamespace().topics()
                .get(0);

        assertThat(topic.path()).isEqualTo("UserConfig.Namespaces[0].Topics[0]");
        assertThat(topic.name()).isEqualTo("topic.1");
        assertThat(topic.description().defaultMessageTimeToLive()).isEqualTo(Duration.ofHours(1));
        assertThat(topic.description().duplicateDetectionHistoryTimeWindow()).isEqualTo(Duration.ofSeconds(20));
        assertThat(topic.description().requiresDuplicateDetection()).isFalse();
        assertThat(topic.subscriptions()).extracting(SubscriptionConfig::name)
                .containsExactly("subscription.1", "subscription.2", "subscription.3", "subscription.4");
        assertThat(topic.subscriptions()).allSatisfy(s -> {
            assertThat(s.description().topicName()).isEqualTo("topic.1");
            assertThat(s.description().lockDuration()).isEqualTo(Duration.ofMinutes(1));
            assertThat(s.description().maxDeliveryCount()).isEqualTo(3);
            assertThat(s.description().defaultMessageTimeToLive()).isEqualTo(Duration.ofHours(1));
            assertThat(s.description().forwardTo()).isNull();
            assertThat(s.description().requiresSession()).isFalse();
        });
        assertThat(topic.subscriptions().get(0).effectiveRules()).containsExactly(new Rule("app-prop-filter-1",
                CorrelationFilter.builder().contentType("application/json").build()));
        assertThat(topic.subscriptions().get(1).effectiveRules()).containsExactly(new Rule("user-prop-filter-1",
                CorrelationFilter.builder().property("prop1", "value1").build()));
        assertThat(topic.subscriptions().get(2).rules()).isEmpty();
        assertThat(topic.subscriptions().get(2).effectiveRules()).containsExactly(Rule.DEFAULT);
        assertThat(topic.subscriptions().get(3).rules()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("UserConfig.Namespaces[0].Topics[0].Subscriptions[3].Rules[0]");
            assertThat(r.rule().name()).isEqualTo("sql-filter-1");
            assertThat(r.rule().filter())
                    .isEqualTo(SqlFilter.parse("sys.MessageId = '123456' AND userProp1 = 'value1'"));
            assertThat(r.rule().action()).isEqualTo(SqlRuleAction.parse("SET sys.To = 'Entity'"));
        });
    }

    @Test
    void readsEveryCorrelationFieldAndTypedProperties() {
        TopicConfig topic = ConfigLoader.parse(topicWith("""
                {"Name": "s", "Rules": [{"Name": "r", "Properties": {"FilterType": "Correlation",
                  "CorrelationFilter": {"ContentType": "ct", "CorrelationId": "c", "Label": "l", "MessageId": "m",
                    "ReplyTo": "rt", "ReplyToSessionId": "rs", "SessionId": "s", "To": "t",
                    "Properties": {"text": "v", "count": 3, "ratio": 0.5, "flag": true}}}}]}"""))
                .defaultNamespace().topics().get(0);

        assertThat(topic.subscriptions().get(0).rules().get(0).rule().filter()).isEqualTo(new CorrelationFilter(
                "c", "m", "t", "rt", "l", "s", "rs", "ct", java.util.Map.of("text", "v", "count", 3L, "ratio", 0.5,
                        "flag", true)));
    }

    @Test
    void undeclaredPropertiesTakeServiceBusDefaults() {
        QueueDescription d = onlyQueue(queueWith("{}"));

        assertThat(d.lockDuration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(d.maxDeliveryCount()).isEqualTo(10);
        assertThat(d.defaultMessageTimeToLive()).isEqualTo(Durations.UNLIMITED);
    }

    @Test
    void readsEveryOtherSupportedQueueProperty() {
        QueueDescription d = onlyQueue(queueWith("""
                {"AutoDeleteOnIdle": "PT10M", "EnableBatchedOperations": false, "EnablePartitioning": true,
                 "MaxMessageSizeInKilobytes": 1024, "MaxSizeInMegabytes": 2048, "Status": "SendDisabled",
                 "UserMetadata": "owned by team x", "RequiresSession": true, "RequiresDuplicateDetection": true,
                 "DeadLetteringOnMessageExpiration": true, "LockDuration": "pt30s"}"""));

        assertThat(d.autoDeleteOnIdle()).isEqualTo(Duration.ofMinutes(10));
        assertThat(d.enableBatchedOperations()).isFalse();
        assertThat(d.enablePartitioning()).isTrue();
        assertThat(d.maxMessageSizeInKilobytes()).isEqualTo(1024);
        assertThat(d.maxSizeInMegabytes()).isEqualTo(2048);
        assertThat(d.status()).isEqualTo(EntityStatus.SEND_DISABLED);
        assertThat(d.userMetadata()).isEqualTo("owned by team x");
        assertThat(d.requiresSession()).isTrue();
        assertThat(d.requiresDuplicateDetection()).isTrue();
        assertThat(d.deadLetteringOnMessageExpiration()).isTrue();
        assertThat(d.lockDuration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsSeveralNamespacesTheFirstBeingTheDefault() {
        EmulatorConfig config = ConfigLoader.parse("""
                {"UserConfig": {"Namespaces": [
                  {"Name": "orders", "Queues": [{"Name": "q", "Properties": {"MaxDeliveryCount": 7}}]},
                  {"Name": "sbemulatorns", "Queues": [{"Name": "q"}], "Topics": [{"Name": "t"}]}]}}""");

        assertThat(config.namespaces()).extracting(NamespaceConfig::name).containsExactly("orders", "sbemulatorns");
        assertThat(config.defaultNamespace().name()).isEqualTo("orders");
        assertThat(config.defaultNamespace().queues().get(0).description().maxDeliveryCount()).isEqualTo(7);
        NamespaceConfig second = config.namespaces().get(1);
        assertThat(second.path()).isEqualTo("UserConfig.Namespaces[1]");
        assertThat(second.queues()).singleElement().satisfies(q -> assertThat(q.path())
                .isEqualTo("UserConfig.Namespaces[1].Queues[0]"));
        assertThat(second.topics()).extracting(TopicConfig::name).containsExactly("t");
    }

    @Test
    void loggingAndTopicsAreOptional() {
        EmulatorConfig config = ConfigLoader.parse("""
                {"UserConfig": {"Namespaces": [{"Name": "sbemulatorns"}]}}""");

        assertThat(config.defaultNamespace().queues()).isEmpty();
        assertThat(config.defaultNamespace().topics()).isEmpty();
        assertThat(config.logTargets()).containsExactly("Console");
    }

    @Test
    void readsBothLoggingTargets() {
        EmulatorConfig config = ConfigLoader.parse("""
                {"UserConfig": {"Namespaces": [{"Name": "sbemulatorns"}], "Logging": {"Type": "File,Console"}}}""");

        assertThat(config.logTargets()).containsExactlyInAnyOrder("File", "Console");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown property     | {"LockDuraton": "PT1M"}           | UserConfig.Namespaces[0].Queues[0].Properties.LockDuraton: unknown property
            wrong letter case    | {"lockDuration": "PT1M"}          | Properties.lockDuration: unknown property (did you mean 'LockDuration'?)
            not a duration       | {"LockDuration": "1 minute"}      | Properties.LockDuration: '1 minute' is not an ISO-8601 duration
            duration as number   | {"LockDuration": 60}              | Properties.LockDuration: expected a string, found the number 60
            lock too long        | {"LockDuration": "PT6M"}          | Properties.LockDuration: LockDuration must be between PT5S and PT5M, was PT6M.
            not a boolean        | {"RequiresSession": "yes"}        | Properties.RequiresSession: expected true or false, found the string "yes"
            not a whole number   | {"MaxDeliveryCount": 2.5}         | Properties.MaxDeliveryCount: expected a whole number, found the number 2.5
            count too small      | {"MaxDeliveryCount": 0}           | Properties.MaxDeliveryCount: must be between 1 and 2147483647, was 0
            unknown status       | {"Status": "Paused"}              | Properties.Status: 'Paused' is not a status
            forward to itself    | {"ForwardTo": "queue.x"}          | Properties.ForwardTo: ForwardTo cannot name the entity itself.
            properties not object| []                                | UserConfig.Namespaces[0].Queues[0].Properties: expected an object, found an array
            """)
    void badQueuePropertiesNameTheirPath(String why, String properties, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(queueWith(properties)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON               | {"UserConfig":                                                   | line 1, column 15: not valid JSON
            empty                  | ''                                                               | (document): the file is empty
            no UserConfig          | {}                                                               | UserConfig: is required
            unknown root member    | {"UserConfig": {"Namespaces": []}, "Extra": 1}                   | Extra: unknown property
            no namespace           | {"UserConfig": {"Namespaces": []}}                               | UserConfig.Namespaces: must declare at least one namespace
            same namespace twice   | {"UserConfig": {"Namespaces": [{"Name": "orders"}, {"Name": "Orders"}]}} | UserConfig.Namespaces[1].Name: namespace 'Orders' is already declared at UserConfig.Namespaces[0]
            namespace not a host   | {"UserConfig": {"Namespaces": [{"Name": "my_ns"}]}}              | UserConfig.Namespaces[0].Name: 'my_ns' is not a valid namespace name
            namespace without name | {"UserConfig": {"Namespaces": [{"Queues": []}]}}                 | UserConfig.Namespaces[0].Name: is required
            entity in 2nd namespace| {"UserConfig": {"Namespaces": [{"Name": "a"}, {"Name": "b", "Queues": [{"Name": "a~b"}]}]}} | UserConfig.Namespaces[1].Queues[0].Name: The queue name 'a~b' is invalid
            queues not an array    | {"UserConfig": {"Namespaces": [{"Name": "sbemulatorns", "Queues": {}}]}} | UserConfig.Namespaces[0].Queues: expected an array, found an object
            queue without name     | {"UserConfig": {"Namespaces": [{"Name": "sbemulatorns", "Queues": [{}]}]}} | UserConfig.Namespaces[0].Queues[0].Name: is required
            invalid queue name     | {"UserConfig": {"Namespaces": [{"Name": "sbemulatorns", "Queues": [{"Name": "a~b"}]}]}} | Queues[0].Name: The queue name 'a~b' is invalid
            same name twice        | {"UserConfig": {"Namespaces": [{"Name": "sbemulatorns", "Queues": [{"Name": "q"}], "Topics": [{"Name": "Q"}]}]}} | Topics[0].Name: 'Q' is already declared at UserConfig.Namespaces[0].Queues[0]
            duplicate JSON key     | {"UserConfig": {"Namespaces": [], "Namespaces": []}}             | not valid JSON: Duplicate field 'Namespaces'
            bad logging type       | {"UserConfig": {"Namespaces": [{"Name": "sbemulatorns"}], "Logging": {"Type": "Syslog"}}} | UserConfig.Logging.Type: 'Syslog' is not a logging type
            """)
    void badDocumentsNameTheirPath(String why, String json, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(json))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            topic property      | {"Name": "t", "Properties": {"LockDuration": "PT1M"}}                     | Topics[0].Properties.LockDuration: unknown property
            subscription value  | {"Name": "t", "Subscriptions": [{"Name": "s", "Properties": {"MaxDeliveryCount": "3"}}]} | Subscriptions[0].Properties.MaxDeliveryCount: expected a whole number
            subscription name   | {"Name": "t", "Subscriptions": [{"Name": "a/b"}]}                         | Subscriptions[0].Name: The subscription name 'a/b' is invalid
            subscription twice  | {"Name": "t", "Subscriptions": [{"Name": "s"}, {"Name": "S"}]}            | Subscriptions[1].Name: subscription 'S' is declared twice
            filter type         | {"Name": "t", "Subscriptions": [{"Name": "s", "Rules": [{"Name": "r", "Properties": {"FilterType": "Regex"}}]}]} | Rules[0].Properties.FilterType: 'Regex' is not a filter type
            correlation field   | {"Name": "t", "Subscriptions": [{"Name": "s", "Rules": [{"Name": "r", "Properties": {"FilterType": "Correlation", "CorrelationFilter": {"Subject": "x"}}}]}]} | CorrelationFilter.Subject: unknown property
            empty correlation   | {"Name": "t", "Subscriptions": [{"Name": "s", "Rules": [{"Name": "r", "Properties": {"FilterType": "Correlation", "CorrelationFilter": {}}}]}]} | Rules[0].Properties.CorrelationFilter: must set at least one property
            no filter type      | {"Name": "t", "Subscriptions": [{"Name": "s", "Rules": [{"Name": "r", "Properties": {"SqlFilter": {"SqlExpression": "1=1"}}}]}]} | Rules[0].Properties.FilterType: is required
            filter missing      | {"Name": "t", "Subscriptions": [{"Name": "s", "Rules": [{"Name": "r", "Properties": {"FilterType": "Sql"}}]}]} | Rules[0].Properties.SqlFilter: is required when FilterType is Sql
            bad SQL filter      | {"Name": "t", "Subscriptions": [{"Name": "s", "Rules": [{"Name": "r", "Properties": {"FilterType": "Sql", "SqlFilter": {"SqlExpression": "a = = 1"}}}]}]} | Rules[0].Properties.SqlFilter.SqlExpression: SQL filter expression is invalid at line 1, column
            bad SQL action      | {"Name": "t", "Subscriptions": [{"Name": "s", "Rules": [{"Name": "r", "Properties": {"FilterType": "Sql", "SqlFilter": {"SqlExpression": "1=1"}, "Action": {"SqlExpression": "SET"}}}]}]} | Rules[0].Properties.Action.SqlExpression: SQL rule action expression is invalid
            rule twice          | {"Name": "t", "Subscriptions": [{"Name": "s", "Rules": [{"Name": "r", "Properties": {"FilterType": "Sql", "SqlFilter": {"SqlExpression": "1=1"}}}, {"Name": "R", "Properties": {"FilterType": "Sql", "SqlFilter": {"SqlExpression": "1=0"}}}]}]} | Rules[1].Name: rule 'R' is declared twice
            rule without body   | {"Name": "t", "Subscriptions": [{"Name": "s", "Rules": [{"Name": "r"}]}]} | Rules[0].Properties: is required
            topic TTL too short | {"Name": "t", "Properties": {"DefaultMessageTimeToLive": "PT0S"}}         | Topics[0].Properties.DefaultMessageTimeToLive: DefaultMessageTimeToLive must be at least 1 second.
            """)
    void badTopicsNameTheirPath(String why, String topic, String message) {
        String json = "{\"UserConfig\": {\"Namespaces\": [{\"Name\": \"sbemulatorns\", \"Topics\": [" + topic + "]}]}}";

        assertThatThrownBy(() -> ConfigLoader.parse(json))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aMissingFileIsAConfigError(@TempDir Path dir) {
        Path missing = dir.resolve("Config.json");

        assertThatThrownBy(() -> ConfigLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void loadsAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("Config.json"), queueWith("{\"MaxDeliveryCount\": 7}"));

        assertThat(ConfigLoader.load(file).defaultNamespace().queues().get(0).description().maxDeliveryCount())
                .isEqualTo(7);
    }

    private static String topicWith(String subscriptions) {
        return """
                {"UserConfig": {"Namespaces": [{"Name": "sbemulatorns",
                  "Topics": [{"Name": "t", "Subscriptions": [%s]}]}]}}""".formatted(subscriptions);
    }

    private static String queueWith(String properties) {
        return """
                {"UserConfig": {"Namespaces": [{"Name": "sbemulatorns",
                  "Queues": [{"Name": "queue.x", "Properties": %s}]}]}}""".formatted(properties);
    }

    private static QueueDescription onlyQueue(String json) {
        return ConfigLoader.parse(json).defaultNamespace().queues().get(0).description();
    }
}
