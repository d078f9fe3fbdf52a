package dev.omnibus.cli;

import dev.omnibus.client.ReceiverOptions;
import dev.omnibus.client.ServiceBusReceiver;
import dev.omnibus.client.models.ServiceBusReceiveMode;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code omnibus receive}: receives up to {@code --max} messages, waiting at most {@code --wait} for each batch, and
 * prints them. In peek-lock mode (the default) the messages are then completed ({@code --complete}) or abandoned so
 * they are delivered again; they are settled only after they were printed.
 */
@Command(name = "receive", description = {"Receive messages from a queue or subscription and print them.",
        "Peek-lock (default): the messages are abandoned after printing, or completed with --complete.",
        "--receive-and-delete: the service removes them as it delivers them."})
final class ReceiveCommand extends BaseCommand {
    /** Messages asked for in one receive call at most. */
    private static final int BATCH = 100;

    @Mixin
    MessageSource source;

    @Option(names = {"-m", "--max"}, paramLabel = "N", defaultValue = "10",
            description = "Receive at most this many messages (default 10).")
    int max;

    @Option(names = {"-w", "--wait"}, paramLabel = "DURATION", defaultValue = "5s", converter = Durations.class,
            description = "Stop when no message arrived for this long (default 5s).")
    Duration wait;

    @Option(names = "--peek-lock", description = "Lock the messages while they are printed (the default).")
    boolean peekLock;

    @Option(names = "--receive-and-delete", description = "The service deletes the messages as it delivers them.")
    boolean receiveAndDelete;

    @Option(names = "--complete", description = "Peek-lock: complete (remove) the messages after printing them.")
    boolean complete;

    @Option(names = {"-q", "--quiet"}, description = "No progress on standard error.")
    boolean quiet;

    @Override
    int execute(Context context) {
        if (peekLock && receiveAndDelete) {
            throw usage("Give --peek-lock or --receive-and-delete, not both");
        }
        if (complete && receiveAndDelete) {
            throw usage("--complete applies to --peek-lock; received-and-deleted messages are gone already");
        }
        if (max <= 0) {
            throw usage("--max must be positive");
        }
        ServiceBusReceiveMode mode = receiveAndDelete ? ServiceBusReceiveMode.RECEIVE_AND_DELETE
                : ServiceBusReceiveMode.PEEK_LOCK;
        List<ServiceBusReceivedMessage> received = new ArrayList<>();
        Progress progress = new Progress(context.err(), "received", -1, !quiet);
        try (ServiceBusReceiver receiver = source.receiver(context.client(),
                ReceiverOptions.defaults().receiveMode(mode))) {
            while (received.size() < max) {
                List<ServiceBusReceivedMessage> batch = receiver.receiveMessages(Math.min(BATCH,
                        max - received.size()), wait);
                if (batch.isEmpty()) {
                    break;
                }
                received.addAll(batch);
                progress.update(received.size());
            }
            progress.finish(received.size());
            context.output().list(MessageSource.views(received), MessageSource.MESSAGE_COLUMNS);
            if (mode == ServiceBusReceiveMode.PEEK_LOCK) {
                for (ServiceBusReceivedMessage message : received) {
                    if (complete) {
                        receiver.completeMessage(message);
                    } else {
                        receiver.abandonMessage(message);
                    }
                }
            }
        }
        return ExitCodes.OK;
    }
}
