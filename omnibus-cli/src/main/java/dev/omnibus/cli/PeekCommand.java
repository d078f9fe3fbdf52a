package dev.omnibus.cli;

import dev.omnibus.client.ReceiverOptions;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import dev.omnibus.client.models.SubQueue;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omnibus peek}: prints messages without locking or removing them. */
@Command(name = "peek", description = "Show messages of a queue or subscription without receiving them.")
final class PeekCommand extends BaseCommand {
    @Mixin
    MessageSource source;

    @Option(names = {"-m", "--max"}, paramLabel = "N", defaultValue = "10",
            description = "Show at most this many messages (default 10).")
    int max;

    @Option(names = "--from-sequence", paramLabel = "SEQ",
            description = "Start at this sequence number (default: the first message).")
    Long fromSequence;

    @Override
    int execute(Context context) {
        if (max <= 0) {
            throw usage("--max must be positive");
        }
        List<ServiceBusReceivedMessage> peeked = peek(context, source, SubQueue.NONE, max, fromSequence);
        context.output().list(MessageSource.views(peeked), MessageSource.MESSAGE_COLUMNS);
        return ExitCodes.OK;
    }

    /** Peeks page after page until {@code max} messages or the end of the entity (or its sub-queue). */
    static List<ServiceBusReceivedMessage> peek(Context context, MessageSource source, SubQueue subQueue, int max,
                                                Long fromSequence) {
        List<ServiceBusReceivedMessage> peeked = new ArrayList<>();
        try (ServiceBusReceiver receiver = source.receiver(context.client(),
                ReceiverOptions.defaults().subQueue(subQueue))) {
            long next = fromSequence == null ? 0 : fromSequence;
            while (peeked.size() < max) {
                List<ServiceBusReceivedMessage> page = receiver.peekMessages(max - peeked.size(), next);
                if (page.isEmpty()) {
                    break;
                }
                peeked.addAll(page);
                next = page.get(page.size() - 1).getSequenceNumber() + 1;
            }
        }
        return peeked;
    }
}
