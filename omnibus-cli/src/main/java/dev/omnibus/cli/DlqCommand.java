package dev.omnibus.cli;

import dev.omnibus.client.ReceiverOptions;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.ServiceBusSender;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusReceiveMode;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import dev.omnibus.client.models.SubQueue;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code omnibus dlq list|resubmit|purge}: the dead-letter queue of a queue or subscription. */
@Command(name = "dlq", description = "List, resubmit or purge the dead-letter queue of a queue or subscription.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {DlqCommand.ListDeadLetters.class, DlqCommand.Resubmit.class, DlqCommand.Purge.class})
final class DlqCommand extends BaseCommand.Group {
    /** Messages asked for in one receive call at most. */
    private static final int BATCH = 100;

    static final List<Output.Column> COLUMNS = List.of(Output.Column.of("sequenceNumber", "SEQ"),
            Output.Column.of("enqueuedTime", "ENQUEUED"), Output.Column.wrapped("messageId", "MESSAGE-ID", 36),
            Output.Column.wrapped("deadLetterReason", "REASON", 30),
            Output.Column.wrapped("deadLetterErrorDescription", "DESCRIPTION", 40),
            Output.Column.wrapped("body", "BODY", 40));

    @Command(name = "list", description = "Show dead-lettered messages without removing them (a peek).")
    static final class ListDeadLetters extends BaseCommand {
        @Mixin
        MessageSource source;

        @Option(names = {"-m", "--max"}, paramLabel = "N", defaultValue = "10",
                description = "Show at most this many messages (default 10).")
        int max;

        @Option(names = "--from-sequence", paramLabel = "SEQ", description = "Start at this sequence number.")
        Long fromSequence;

        @Override
        int execute(Context context) {
            if (max <= 0) {
                throw usage("--max must be positive");
            }
            List<ServiceBusReceivedMessage> peeked = PeekCommand.peek(context, source, SubQueue.DEAD_LETTER, max,
                    fromSequence);
            context.output().list(MessageSource.views(peeked), COLUMNS);
            return ExitCodes.OK;
        }
    }

    @Command(name = "resubmit", description = {"Move dead-lettered messages back: each is sent again (a copy "
            + "without its dead-letter reason), then removed from the dead-letter queue once the send succeeded.",
            "A queue's messages go back to the queue; a subscription's go to its topic (every subscription whose "
                    + "rules select them gets a copy), unless --to names another entity."})
    static final class Resubmit extends BaseCommand {
        @Mixin
        MessageSource source;

        @Option(names = {"-m", "--max"}, paramLabel = "N", description = "Resubmit at most this many (default all).")
        Long max;

        @Option(names = {"-w", "--wait"}, paramLabel = "DURATION", defaultValue = "3s", converter = Durations.class,
                description = "Stop when no message arrived for this long (default 3s).")
        Duration wait;

        @Option(names = "--to", paramLabel = "ENTITY", description = "Send to this queue or topic instead.")
        String to;

        @Option(names = {"-q", "--quiet"}, description = "No progress on standard error.")
        boolean quiet;

        @Override
        int execute(Context context) {
            if (max != null && max <= 0) {
                throw usage("--max must be positive");
            }
            String target = to != null ? to : source.entity;
            Progress progress = new Progress(context.err(), "resubmitted", max == null ? -1 : max, !quiet);
            long moved = 0;
            try (ServiceBusReceiver dlq = source.receiver(context.client(),
                    ReceiverOptions.defaults().subQueue(SubQueue.DEAD_LETTER));
                 ServiceBusSender sender = context.client().getQueueSender(target)) {
                while (max == null || moved < max) {
                    int want = (int) Math.min(BATCH, max == null ? BATCH : max - moved);
                    List<ServiceBusReceivedMessage> batch = dlq.receiveMessages(want, wait);
                    if (batch.isEmpty()) {
                        break;
                    }
                    for (int i = 0; i < batch.size(); i++) {
                        ServiceBusReceivedMessage message = batch.get(i);
                        try {
                            sender.sendMessages(new ServiceBusMessage(message));
                        } catch (RuntimeException e) {
                            release(dlq, batch.subList(i, batch.size()));
                            context.err().println("omnibus: resubmitted " + moved + " messages before this failure;"
                                    + " the rest stay in the dead-letter queue");
                            throw e;
                        }
                        dlq.completeMessage(message);
                        moved++;
                    }
                    progress.update(moved);
                }
            }
            progress.finish(moved);
            context.output().done(Views.of("entity", source.describe().replace("'", ""), "to", target,
                    "resubmitted", moved), "Resubmitted " + moved + " messages from the dead-letter queue of "
                    + source.describe() + " to '" + target + "'.");
            return ExitCodes.OK;
        }

        /** Gives the unsent messages back at once rather than when their locks expire. */
        private static void release(ServiceBusReceiver dlq, List<ServiceBusReceivedMessage> unsent) {
            for (ServiceBusReceivedMessage message : unsent) {
                try {
                    dlq.abandonMessage(message);
                } catch (RuntimeException ignored) {
                    // Its lock ends anyway; the message stays in the dead-letter queue either way.
                }
            }
        }
    }

    @Command(name = "purge", description = "Delete every message of the dead-letter queue (receive-and-delete).")
    static final class Purge extends BaseCommand {
        @Mixin
        MessageSource source;

        @Option(names = {"-w", "--wait"}, paramLabel = "DURATION", defaultValue = "3s", converter = Durations.class,
                description = "Stop when no message arrived for this long (default 3s).")
        Duration wait;

        @Option(names = {"-q", "--quiet"}, description = "No progress on standard error.")
        boolean quiet;

        @Override
        int execute(Context context) {
            Progress progress = new Progress(context.err(), "purged", -1, !quiet);
            long purged = 0;
            try (ServiceBusReceiver dlq = source.receiver(context.client(), ReceiverOptions.defaults()
                    .subQueue(SubQueue.DEAD_LETTER).receiveMode(ServiceBusReceiveMode.RECEIVE_AND_DELETE))) {
                while (true) {
                    List<ServiceBusReceivedMessage> batch = dlq.receiveMessages(BATCH, wait);
                    if (batch.isEmpty()) {
                        break;
                    }
                    purged += batch.size();
                    progress.update(purged);
                }
            }
            progress.finish(purged);
            context.output().done(Views.of("entity", source.describe().replace("'", ""), "purged", purged),
                    "Purged " + purged + " messages from the dead-letter queue of " + source.describe() + ".");
            return ExitCodes.OK;
        }
    }
}
