package dev.omnibus.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.omnibus.client.ReceiverOptions;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import dev.omnibus.client.models.SubQueue;
import dev.omnibus.core.QueueDescription;
import dev.omnibus.core.QueueRuntimeInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code omnibus send|peek|receive|dlq ...} against a real server, checked with the client and on the broker. */
class OmnibusCliMessagingIT extends CliTestSupport {

    private static void queue(String name) {
        server.broker().namespace().createQueue(QueueDescription.builder(name).build()).join();
    }

    private static QueueRuntimeInfo counts(String queue) {
        return server.broker().namespace().queueRuntimeInfo(queue).join();
    }

    private static List<String> bodies(JsonNode messages) {
        return StreamSupport.stream(messages.spliterator(), false).map(m -> m.get("body").asText()).toList();
    }

    /** Receives and dead-letters {@code count} messages of a queue with the client. */
    private static void deadLetter(ServiceBusReceiver receiver, int count) {
        List<ServiceBusReceivedMessage> got = new ArrayList<>();
        while (got.size() < count) {
            List<ServiceBusReceivedMessage> batch = receiver.receiveMessages(count - got.size(), Duration.ofSeconds(5));
            assertThat(batch).as("messages to dead-letter").isNotEmpty();
            got.addAll(batch);
        }
        got.forEach(m -> receiver.deadLetterMessage(m, "poison", "failed " + m.getBodyAsString()));
    }

    @Test
    void sendWithPropertiesThenPeekThenReceive() {
        queue("cli-q1");

        CliProcess.Result sent = omnibus.run("send", "cli-q1", "hello {n}", "second {n}", "--count", "2",
                "--message-id", "m-{n}", "-p", "color=red", "-p", "size=3", "-p", "code:string=007",
                "--subject", "greeting", "--session-id", "s-1", "--content-type", "text/plain", "--ttl", "1h");

        assertThat(sent.code()).as(sent.toString()).isZero();
        assertThat(sent.out()).isEqualTo("Sent 4 messages to 'cli-q1'." + System.lineSeparator());
        JsonNode peeked = omnibus.run("peek", "cli-q1", "-o", "json").json();
        assertThat(bodies(peeked)).containsExactly("hello 1", "second 2", "hello 3", "second 4");
        JsonNode first = peeked.get(0);
        assertThat(first.get("messageId").asText()).isEqualTo("m-1");
        assertThat(first.get("subject").asText()).isEqualTo("greeting");
        assertThat(first.get("sessionId").asText()).isEqualTo("s-1");
        assertThat(first.get("contentType").asText()).isEqualTo("text/plain");
        assertThat(first.get("timeToLive").asText()).isEqualTo("PT1H");
        assertThat(first.get("applicationProperties").get("color").asText()).isEqualTo("red");
        assertThat(first.get("applicationProperties").get("size").isNumber()).isTrue();
        assertThat(first.get("applicationProperties").get("code").asText()).isEqualTo("007");
        assertThat(bodies(omnibus.run("peek", "cli-q1", "--from-sequence", "3", "--max", "1", "-o", "json").json()))
                .containsExactly("hello 3");

        CliProcess.Result abandoned = omnibus.run("receive", "cli-q1", "--max", "2", "--wait", "2s");
        assertThat(abandoned.code()).as(abandoned.toString()).isZero();
        assertThat(abandoned.out().lines()).hasSize(3).first().asString().startsWith("SEQ");
        assertThat(counts("cli-q1").activeMessageCount()).isEqualTo(4);

        JsonNode completed = omnibus.run("receive", "cli-q1", "--max", "3", "--wait", "2s", "--complete",
                "-o", "json").json();
        assertThat(bodies(completed)).containsExactly("hello 1", "second 2", "hello 3");
        assertThat(completed.get(0).get("deliveryCount").asInt()).isEqualTo(1);
        assertThat(counts("cli-q1").activeMessageCount()).isEqualTo(1);

        JsonNode deleted = omnibus.run("receive", "cli-q1", "--receive-and-delete", "--wait", "2s", "-o", "json")
                .json();
        assertThat(bodies(deleted)).containsExactly("second 4");
        assertThat(counts("cli-q1").activeMessageCount()).isZero();
        CliProcess.Result empty = omnibus.run("receive", "cli-q1", "--wait", "1s", "-o", "json");
        assertThat(empty.code()).isZero();
        assertThat(empty.json()).isEmpty();
    }

    @Test
    void bodiesFromAFileAndFromStandardInput(@TempDir Path dir) throws Exception {
        queue("cli-q2");
        Path file = dir.resolve("lines.txt");
        Files.writeString(file, "one\n\ntwo\nthree\n");

        assertThat(omnibus.run("send", "cli-q2", "--file", file.toString()).code()).isZero();
        CliProcess.Result piped = omnibus.runWithInput("four\nfive\n", "send", "cli-q2", "-f", "-");

        assertThat(piped.code()).as(piped.toString()).isZero();
        assertThat(bodies(omnibus.run("peek", "cli-q2", "--max", "50", "-o", "json").json()))
                .containsExactly("one", "two", "three", "four", "five");
        assertThat(omnibus.run("send", "cli-q2", "--file", dir.resolve("missing.txt").toString()).code())
                .isEqualTo(2);
    }

    @Test
    void manyMessagesGoOutInBatchesAndOnlyTheSummaryIsOnStandardOutput() {
        queue("cli-many");

        CliProcess.Result sent = omnibus.run("send", "cli-many", "message {n} of a long run", "--count", "5000");

        assertThat(sent.code()).as(sent.toString()).isZero();
        assertThat(sent.out()).isEqualTo("Sent 5000 messages to 'cli-many'." + System.lineSeparator());
        assertThat(sent.err().lines()).allMatch(line -> line.matches("sent \\d+/5000 messages \\(\\d+/s\\)"));
        assertThat(counts("cli-many").activeMessageCount()).isEqualTo(5000);
        CliProcess.Result purgedFromQueue = omnibus.run("receive", "cli-many", "--receive-and-delete", "--max",
                "5000", "--wait", "2s", "-o", "json");
        assertThat(purgedFromQueue.json()).hasSize(5000);
        assertThat(purgedFromQueue.err().lines()).allMatch(line -> line.matches("received \\d+ messages \\(\\d+/s\\)"));
        assertThat(counts("cli-many").activeMessageCount()).isZero();
    }

    @Test
    void topicSendAndSubscriptionReceive() {
        assertThat(omnibus.run("topic", "create", "cli-t").code()).isZero();
        assertThat(omnibus.run("subscription", "create", "cli-t", "red", "--sql-filter", "color = 'red'").code())
                .isZero();
        assertThat(omnibus.run("subscription", "create", "cli-t", "all").code()).isZero();

        assertThat(omnibus.run("send", "cli-t", "r", "-p", "color=red").code()).isZero();
        assertThat(omnibus.run("send", "cli-t", "b", "-p", "color=blue").code()).isZero();

        assertThat(bodies(omnibus.run("receive", "cli-t", "--subscription", "red", "--complete", "--wait", "2s",
                "-o", "json").json())).containsExactly("r");
        assertThat(bodies(omnibus.run("peek", "cli-t", "-s", "all", "-o", "json").json())).containsExactly("r", "b");
    }

    @Test
    void deadLetterQueueListResubmitAndPurge() {
        queue("cli-dlq");
        omnibus.run("send", "cli-dlq", "a", "b", "c");
        try (ServiceBusReceiver receiver = client.getQueueReceiver("cli-dlq")) {
            deadLetter(receiver, 3);
        }
        assertThat(counts("cli-dlq").deadLetterMessageCount()).isEqualTo(3);

        JsonNode listed = omnibus.run("dlq", "list", "cli-dlq", "-o", "json").json();
        assertThat(bodies(listed)).containsExactly("a", "b", "c");
        assertThat(listed.get(0).get("deadLetterReason").asText()).isEqualTo("poison");
        assertThat(listed.get(0).get("deadLetterErrorDescription").asText()).isEqualTo("failed a");
        assertThat(omnibus.run("dlq", "list", "cli-dlq").ok().out()).contains("REASON", "poison", "failed b");
        assertThat(counts("cli-dlq").deadLetterMessageCount()).isEqualTo(3);

        CliProcess.Result resubmitted = omnibus.run("dlq", "resubmit", "cli-dlq", "--max", "2", "--wait", "2s");
        assertThat(resubmitted.code()).as(resubmitted.toString()).isZero();
        assertThat(resubmitted.out()).startsWith("Resubmitted 2 messages from the dead-letter queue of 'cli-dlq'");
        assertThat(counts("cli-dlq").deadLetterMessageCount()).isEqualTo(1);
        assertThat(counts("cli-dlq").activeMessageCount()).isEqualTo(2);
        JsonNode back = omnibus.run("peek", "cli-dlq", "-o", "json").json();
        assertThat(bodies(back)).containsExactly("a", "b");
        assertThat(back.get(0).has("deadLetterReason")).isFalse();

        JsonNode rest = omnibus.run("dlq", "resubmit", "cli-dlq", "--wait", "1s", "-o", "json").json();
        assertThat(rest.get("resubmitted").asLong()).isEqualTo(1);
        try (ServiceBusReceiver receiver = client.getQueueReceiver("cli-dlq")) {
            deadLetter(receiver, 3);
        }
        CliProcess.Result purged = omnibus.run("dlq", "purge", "cli-dlq", "--wait", "1s", "-o", "json");
        assertThat(purged.json().get("purged").asLong()).isEqualTo(3);
        assertThat(counts("cli-dlq").deadLetterMessageCount()).isZero();
        assertThat(counts("cli-dlq").activeMessageCount()).isZero();
    }

    @Test
    void aSubscriptionsDeadLettersGoBackThroughItsTopic() {
        assertThat(omnibus.run("topic", "create", "cli-t2").code()).isZero();
        assertThat(omnibus.run("subscription", "create", "cli-t2", "s").code()).isZero();
        client.getTopicSender("cli-t2").sendMessages(new ServiceBusMessage("x"));
        try (ServiceBusReceiver receiver = client.getSubscriptionReceiver("cli-t2", "s")) {
            deadLetter(receiver, 1);
        }

        CliProcess.Result resubmitted = omnibus.run("dlq", "resubmit", "cli-t2", "--subscription", "s", "--wait",
                "1s");

        assertThat(resubmitted.code()).as(resubmitted.toString()).isZero();
        assertThat(resubmitted.out()).contains("'cli-t2/s'", "to 'cli-t2'");
        try (ServiceBusReceiver receiver = client.getSubscriptionReceiver("cli-t2", "s");
             ServiceBusReceiver dlq = client.getSubscriptionReceiver("cli-t2", "s",
                     ReceiverOptions.defaults().subQueue(SubQueue.DEAD_LETTER))) {
            assertThat(receiver.receiveMessages(1, Duration.ofSeconds(5))).singleElement()
                    .satisfies(m -> assertThat(m.getBodyAsString()).isEqualTo("x"));
            assertThat(dlq.peekMessages(10)).isEmpty();
        }
    }

    @Test
    void messagingErrorsHaveTheirExitCodes() {
        CliProcess.Result noQueue = omnibus.run("send", "cli-nowhere", "x");
        CliProcess.Result both = omnibus.run("receive", "queue.1", "--peek-lock", "--receive-and-delete");
        CliProcess.Result completeWithDelete = omnibus.run("receive", "queue.1", "--receive-and-delete",
                "--complete");

        assertThat(noQueue.code()).as(noQueue.toString()).isEqualTo(3);
        assertThat(noQueue.err()).startsWith("omnibus: ").hasLineCount(1);
        assertThat(both.code()).isEqualTo(2);
        assertThat(completeWithDelete.code()).isEqualTo(2);
    }
}
