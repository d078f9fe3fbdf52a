package dev.omnibus.cli;

import dev.omnibus.client.ReceiverOptions;
import dev.omnibus.client.ServiceBusClient;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Where {@code receive}, {@code peek} and {@code dlq} read: a queue, or a topic's subscription. */
final class MessageSource {
    /** The columns of a message table. */
    static final List<Output.Column> MESSAGE_COLUMNS = List.of(Output.Column.of("sequenceNumber", "SEQ"),
            Output.Column.of("enqueuedTime", "ENQUEUED"), Output.Column.wrapped("messageId", "MESSAGE-ID", 36),
            Output.Column.of("deliveryCount", "DELIVERIES"), Output.Column.wrapped("subject", "SUBJECT", 20),
            Output.Column.wrapped("body", "BODY", 60));

    @Parameters(index = "0", paramLabel = "ENTITY", description = "A queue, or a topic with --subscription.")
    String entity;

    @Option(names = {"-s", "--subscription"}, paramLabel = "NAME", description = "Read this subscription of the topic.")
    String subscription;

    ServiceBusReceiver receiver(ServiceBusClient client, ReceiverOptions options) {
        return subscription == null ? client.getQueueReceiver(entity, options)
                : client.getSubscriptionReceiver(entity, subscription, options);
    }

    /** {@code queue 'q'} or {@code subscription 't/s'}, for messages. */
    String describe() {
        return subscription == null ? "'" + entity + "'" : "'" + entity + "/" + subscription + "'";
    }

    static List<java.util.Map<String, Object>> views(List<ServiceBusReceivedMessage> messages) {
        return messages.stream().map(Views::message).toList();
    }
}
