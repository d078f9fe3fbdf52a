package dev.omnibus.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibus.amqp.ConnectionString;
import dev.omnibus.core.QueueDescription;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code omnibus queue|topic|subscription|rule|namespace ...} against a real server, checked on the broker. */
class OmnibusCliAdminIT extends CliTestSupport {

    @Test
    void queueCreateShowUpdateListDelete() {
        CliProcess.Result created = omnibus.run("queue", "create", "cli-orders", "--lock-duration", "45s",
                "--max-delivery-count", "4", "--default-ttl", "2h", "--requires-duplicate-detection",
                "--duplicate-detection-window", "2m", "--dead-letter-on-expiration", "--user-metadata", "from the cli");

        assertThat(created.code()).as(created.toString()).isZero();
        assertThat(created.out()).isEqualTo("Created queue 'cli-orders'." + System.lineSeparator());
        QueueDescription onBroker = server.broker().namespace().getQueue("cli-orders").orElseThrow();
        assertThat(onBroker.lockDuration()).isEqualTo(Duration.ofSeconds(45));
        assertThat(onBroker.maxDeliveryCount()).isEqualTo(4);
        assertThat(onBroker.defaultMessageTimeToLive()).isEqualTo(Duration.ofHours(2));
        assertThat(onBroker.requiresDuplicateDetection()).isTrue();
        assertThat(onBroker.duplicateDetectionHistoryTimeWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(onBroker.deadLetteringOnMessageExpiration()).isTrue();

        JsonNode shown = omnibus.run("queue", "show", "cli-orders", "-o", "json").json();
        assertThat(shown.get("name").asText()).isEqualTo("cli-orders");
        assertThat(shown.get("lockDuration").asText()).isEqualTo("PT45S");
        assertThat(shown.get("userMetadata").asText()).isEqualTo("from the cli");
        assertThat(shown.get("activeMessageCount").asLong()).isZero();

        CliProcess.Result updated = omnibus.run("queue", "update", "cli-orders", "--max-delivery-count", "9",
                "--status", "ReceiveDisabled", "--user-metadata", "");
        assertThat(updated.code()).as(updated.toString()).isZero();
        QueueDescription after = server.broker().namespace().getQueue("cli-orders").orElseThrow();
        assertThat(after.maxDeliveryCount()).isEqualTo(9);
        assertThat(after.lockDuration()).isEqualTo(Duration.ofSeconds(45));
        assertThat(after.status().wireName()).isEqualTo("ReceiveDisabled");
        assertThat(after.userMetadata()).isNull();

        CliProcess.Result list = omnibus.run("queue", "list").ok();
        assertThat(list.out().lines().findFirst().orElseThrow()).startsWith("NAME");
        assertThat(list.out()).containsPattern("cli-orders\\s+ReceiveDisabled\\s+0\\s+0\\s+0\\s+45s\\s+9\\s+2h");

        assertThat(omnibus.run("queue", "delete", "cli-orders").code()).isZero();
        assertThat(server.broker().namespace().getQueue("cli-orders")).isEmpty();
        CliProcess.Result gone = omnibus.run("queue", "show", "cli-orders");
        assertThat(gone.code()).isEqualTo(3);
        assertThat(gone.err()).startsWith("omnibus: ").contains("cli-orders").hasLineCount(1);
    }

    @Test
    void topicSubscriptionsAndRules() {
        assertThat(omnibus.run("topic", "create", "cli-events", "--default-ttl", "1h").code()).isZero();
        CliProcess.Result red = omnibus.run("subscription", "create", "cli-events", "red", "--sql-filter",
                "color = 'red'", "--max-delivery-count", "2");
        assertThat(red.code()).as(red.toString()).isZero();
        assertThat(omnibus.run("sub", "create", "cli-events", "all", "--lock-duration", "20s").code()).isZero();
        CliProcess.Result rule = omnibus.run("rule", "create", "cli-events", "red", "big", "--sql-filter",
                "size > @min", "--parameter", "@min=10", "--sql-action", "SET big = true");
        assertThat(rule.code()).as(rule.toString()).isZero();

        JsonNode rules = omnibus.run("rule", "list", "cli-events", "red", "-o", "json").json();
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).get("name").asText()).isEqualTo("$Default");
        assertThat(rules.get(0).get("filter").get("sqlExpression").asText()).isEqualTo("color = 'red'");
        assertThat(rules.get(1).get("filter").get("parameters").get("@min").asLong()).isEqualTo(10);
        assertThat(rules.get(1).get("action").get("type").asText()).isEqualTo("SqlRuleAction");

        CliProcess.Result changed = omnibus.run("rule", "update", "cli-events", "red", "big", "--label", "urgent",
                "--filter-property", "region=eu", "--no-action");
        assertThat(changed.code()).as(changed.toString()).isZero();
        JsonNode big = omnibus.run("rule", "show", "cli-events", "red", "big", "-o", "json").json();
        assertThat(big.get("filter").get("type").asText()).isEqualTo("CorrelationFilter");
        assertThat(big.get("filter").get("label").asText()).isEqualTo("urgent");
        assertThat(big.get("filter").get("properties").get("region").asText()).isEqualTo("eu");
        assertThat(big.get("action").get("type").asText()).isEqualTo("EmptyRuleAction");

        assertThat(omnibus.run("subscription", "update", "cli-events", "all", "--max-delivery-count", "7").code())
                .isZero();
        CliProcess.Result subs = omnibus.run("subscription", "list", "cli-events").ok();
        assertThat(subs.out()).containsPattern("all\\s+Active\\s+0\\s+0\\s+20s\\s+7")
                .containsPattern("red\\s+Active\\s+0\\s+0\\s+1m\\s+2");
        JsonNode topic = omnibus.run("topic", "show", "cli-events", "-o", "json").json();
        assertThat(topic.get("subscriptionCount").asInt()).isEqualTo(2);
        assertThat(omnibus.run("topic", "list").ok().out()).containsPattern("cli-events\\s+Active\\s+2");

        assertThat(omnibus.run("rule", "delete", "cli-events", "red", "big").code()).isZero();
        assertThat(omnibus.run("rule", "show", "cli-events", "red", "big").code()).isEqualTo(3);
        assertThat(omnibus.run("subscription", "delete", "cli-events", "red").code()).isZero();
        assertThat(omnibus.run("subscription", "show", "cli-events", "red").code()).isEqualTo(3);
        assertThat(omnibus.run("topic", "delete", "cli-events").code()).isZero();
        assertThat(server.broker().namespace().getTopic("cli-events")).isEmpty();
    }

    @Test
    void exitCodesForEveryKindOfFailure() throws Exception {
        CliProcess.Result notFound = omnibus.run("topic", "show", "cli-nothing");
        CliProcess.Result exists = omnibus.run("queue", "create", "queue.1");
        CliProcess.Result usage = omnibus.run("queue", "create");
        CliProcess.Result wrongKey = new CliProcess()
                .env("OMNIBUS_CONNECTION_STRING", ConnectionString.forEmulator("127.0.0.1", server.amqpPort(),
                        server.options().sasKeyName(), "not-the-key"))
                .env("OMNIBUS_MANAGEMENT_ENDPOINT", "http://127.0.0.1:" + server.httpPort())
                .run("queue", "list");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CliProcess.Result down = new CliProcess()
                .env("OMNIBUS_CONNECTION_STRING", ConnectionString.forEmulator("127.0.0.1", closedPort, "a", "b"))
                .run("queue", "list", "--timeout", "2s");

        assertThat(notFound.code()).isEqualTo(3);
        assertThat(exists.code()).isEqualTo(1);
        assertThat(exists.err()).contains("already exists");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).contains("NAME", "omnibus queue create --help");
        assertThat(wrongKey.code()).isEqualTo(4);
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.err()).contains("cannot reach", String.valueOf(closedPort));
        for (CliProcess.Result r : new CliProcess.Result[] {notFound, exists, usage, wrongKey, down}) {
            assertThat(r.err()).as(r.toString()).startsWith("omnibus: ").hasLineCount(1);
            assertThat(r.out()).as(r.toString()).isEmpty();
        }
    }

    @Test
    void theServersConnectionStringAloneServesEntitiesAndMessages() {
        CliProcess plain = new CliProcess().env("OMNIBUS_CONNECTION_STRING", server.connectionString());

        assertThat(plain.run("queue", "create", "cli-plain").code()).isZero();
        assertThat(plain.run("send", "cli-plain", "via the AMQP port").code()).isZero();

        assertThat(plain.run("queue", "show", "cli-plain", "-o", "json").json().get("activeMessageCount").asLong())
                .isEqualTo(1);
        assertThat(plain.run("queue", "delete", "cli-plain").code()).isZero();
    }

    @Test
    void anEmulatorConnectionStringWithTheHttpPortNeedsNoManagementEndpoint() {
        CliProcess httpOnly = new CliProcess().env("OMNIBUS_CONNECTION_STRING", ConnectionString.forEmulator(
                "localhost", server.httpPort(), server.options().sasKeyName(), server.options().sasKey()));

        CliProcess.Result ns = httpOnly.run("namespace", "show", "--output", "json");

        assertThat(ns.code()).as(ns.toString()).isZero();
        assertThat(ns.json().get("messagingSku").asText()).isEqualTo("Standard");
    }
}
