package dev.omnibus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.omnibus.amqp.SasToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The command line in process ({@link Main#run}) against a scripted management API: parsing, options reaching the
 * client, output formats, and the exit codes and one-line errors of every kind of failure.
 */
@Timeout(30)
class CliTest {
    private static final String CS = "Endpoint=sb://localhost;SharedAccessKeyName=OptKey;SharedAccessKey=k;"
            + "UseDevelopmentEmulator=true";
    private static final String ENV_CS = "Endpoint=sb://localhost;SharedAccessKeyName=EnvKey;SharedAccessKey=k;"
            + "UseDevelopmentEmulator=true";

    private FakeAdminServer server;

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void start() throws IOException {
        server = new FakeAdminServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Run admin(String... args) {
        return run(Map.of("OMNIBUS_CONNECTION_STRING", CS, "OMNIBUS_MANAGEMENT_ENDPOINT", server.endpoint()), args);
    }

    private String keyNameSeen() {
        return SasToken.parse(server.seen.get(server.seen.size() - 1).authorization()).keyName();
    }

    @Test
    void helpAndVersionSucceed() {
        Run help = run(Map.of(), "--help");
        Run version = run(Map.of(), "--version");
        Run queueHelp = run(Map.of(), "queue", "create", "--help");

        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: omnibus", "queue", "send", "receive", "peek", "dlq", "Exit codes");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("omnibus ");
        assertThat(queueHelp.out()).contains("--lock-duration", "--requires-session", "--forward-dlq-to");
    }

    @Test
    void withoutAConnectionStringItIsAUsageError() {
        Run r = run(Map.of(), "queue", "list");

        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("omnibus: No connection string").contains("OMNIBUS_CONNECTION_STRING")
                .hasLineCount(1);
    }

    @Test
    void theEnvironmentGivesDefaultsAndOptionsWinBeforeOrAfterTheCommand() {
        server.then(200, FakeAdminServer.feed()).then(200, FakeAdminServer.feed())
                .then(200, FakeAdminServer.feed()).then(200, FakeAdminServer.feed())
                .then(200, FakeAdminServer.feed()).then(200, FakeAdminServer.feed());
        Map<String, String> env = Map.of("OMNIBUS_CONNECTION_STRING", ENV_CS,
                "OMNIBUS_MANAGEMENT_ENDPOINT", server.endpoint());

        assertThat(run(env, "queue", "list").code()).isZero();
        assertThat(keyNameSeen()).isEqualTo("EnvKey");
        assertThat(run(env, "-c", CS, "queue", "list").code()).isZero();
        assertThat(keyNameSeen()).isEqualTo("OptKey");
        assertThat(run(env, "queue", "list", "--connection-string", CS).code()).isZero();
        assertThat(keyNameSeen()).isEqualTo("OptKey");
    }

    @Test
    void queueCreateSendsEveryOptionGiven() {
        server.then(201, FakeAdminServer.queueEntry("q1"));

        Run r = admin("queue", "create", "q1", "--lock-duration", "30s", "--max-delivery-count", "3",
                "--requires-session", "--default-ttl", "1h30m", "--forward-dlq-to", "dead",
                "--batched-operations=false", "--status", "SendDisabled", "--user-metadata", "m");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Created queue 'q1'." + System.lineSeparator());
        FakeAdminServer.Seen put = server.seen.get(0);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).isEqualTo("/q1");
        assertThat(put.body()).contains("<LockDuration>PT30S</LockDuration>", "<MaxDeliveryCount>3</MaxDeliveryCount>",
                "<RequiresSession>true</RequiresSession>",
                "<DefaultMessageTimeToLive>PT1H30M</DefaultMessageTimeToLive>",
                "<ForwardDeadLetteredMessagesTo>https://localhost/dead</ForwardDeadLetteredMessagesTo>",
                "<EnableBatchedOperations>false</EnableBatchedOperations>", "<Status>SendDisabled</Status>",
                "<UserMetadata>m</UserMetadata>");
    }

    @Test
    void listIsATableByDefaultAndJsonOnRequest() throws IOException {
        String feed = FakeAdminServer.feed(FakeAdminServer.queueEntry("q1"), FakeAdminServer.queueEntry("q2"));
        server.then(200, feed).then(200, feed).then(200, feed).then(200, feed);

        Run table = admin("queue", "list");
        Run json = admin("queue", "list", "-o", "json");

        assertThat(table.out().lines()).hasSize(3);
        assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("NAME").contains("ACTIVE", "DEAD-LETTER");
        assertThat(table.out()).contains("q1", "q2", "30s");
        JsonNode parsed = new ObjectMapper().readTree(json.out());
        assertThat(parsed.isArray()).isTrue();
        assertThat(parsed.get(1).get("name").asText()).isEqualTo("q2");
        assertThat(parsed.get(0).get("activeMessageCount").asLong()).isEqualTo(5);
        assertThat(parsed.get(0).get("lockDuration").asText()).isEqualTo("PT30S");
        assertThat(parsed.get(0).get("defaultMessageTimeToLive").asText()).isEqualTo("P10675199DT2H48M5.4775807S");
    }

    @Test
    void failuresAreOneLineWithTheirExitCode() {
        server.then(404, FakeAdminServer.error(404, "The messaging entity 'ns:Queue:nope' could not be found."))
                .then(401, FakeAdminServer.error(401, "Unauthorized access. The token signature is not valid."))
                .then(409, FakeAdminServer.error(409, "The messaging entity 'q' already exists."))
                .then(400, FakeAdminServer.error(400, "The value 'x' of\nLockDuration is not valid."));

        Run missing = admin("queue", "show", "nope");
        Run refused = admin("topic", "list");
        Run exists = admin("queue", "create", "q");
        Run invalid = admin("queue", "create", "q2");

        assertThat(missing.code()).isEqualTo(3);
        assertThat(missing.err()).startsWith("omnibus: Getting queue 'nope': The messaging entity").hasLineCount(1);
        assertThat(refused.code()).isEqualTo(4);
        assertThat(refused.err()).contains("token signature").hasLineCount(1);
        assertThat(exists.code()).isEqualTo(1);
        assertThat(exists.err()).contains("already exists").hasLineCount(1);
        assertThat(invalid.code()).isEqualTo(1);
        assertThat(invalid.err()).contains("of LockDuration is not valid").hasLineCount(1);
        assertThat(missing.out() + refused.out() + exists.out()).isEmpty();
    }

    @Test
    void badCommandLinesAreUsageErrorsThatNameTheCommand() {
        Run unknown = admin("queue", "lst");
        Run bareGroup = admin("queue");
        Run badDuration = admin("queue", "create", "q", "--lock-duration", "soon");
        Run badStatus = admin("queue", "update", "q", "--status", "Sleeping");
        Run nothingToUpdate = admin("queue", "update", "q");
        Run twoFilters = admin("rule", "create", "t", "s", "r", "--sql-filter", "a = 1", "--label", "x");
        Run noBodies = admin("send", "q");
        Run badProperty = admin("send", "q", "x", "-p", "novalue");
        Run badFormat = admin("queue", "list", "-o", "xml");
        Run badConnection = run(Map.of(), "-c", "nonsense", "queue", "list");

        for (Run r : new Run[] {unknown, bareGroup, badDuration, badStatus, nothingToUpdate, twoFilters, noBodies,
                badProperty, badFormat, badConnection}) {
            assertThat(r.code()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith("omnibus: ").hasLineCount(1);
        }
        assertThat(badDuration.err()).contains("'soon' is not a duration", "omnibus queue create --help");
        assertThat(bareGroup.err()).contains("create, list, show, update, delete");
        assertThat(server.seen).isEmpty();
    }

    @Test
    void ruleCreateSendsTheFilterActionAndTypedParameters() {
        server.then(201, "<entry xmlns=\"http://www.w3.org/2005/Atom\"><title>big</title><content>"
                + "<RuleDescription xmlns=\"http://schemas.microsoft.com/netservices/2010/10/servicebus/connect\">"
                + "<Name>big</Name></RuleDescription></content></entry>");

        Run r = admin("rule", "create", "t", "s", "big", "--sql-filter", "size > @min", "--parameter", "@min=10",
                "--parameter", "@name:string=7", "--sql-action", "SET big = true");

        assertThat(r.code()).as(r.err()).isZero();
        String body = server.seen.get(0).body();
        assertThat(server.seen.get(0).path()).isEqualTo("/t/Subscriptions/s/Rules/big");
        assertThat(body).contains("<Filter i:type=\"SqlFilter\"><SqlExpression>size &gt; @min</SqlExpression>",
                "<Key>@min</Key><Value i:type=\"d6p1:long\"", "<Key>@name</Key><Value i:type=\"d6p1:string\"",
                "<Action i:type=\"SqlRuleAction\"><SqlExpression>SET big = true</SqlExpression>");
    }
}
