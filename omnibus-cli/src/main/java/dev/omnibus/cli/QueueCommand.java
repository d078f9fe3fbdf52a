package dev.omnibus.cli;

import static dev.omnibus.cli.EntitySettings.ifGiven;
import static dev.omnibus.cli.EntitySettings.text;

import dev.omnibus.client.admin.ServiceBusAdministrationClient;
import dev.omnibus.client.admin.models.CreateQueueOptions;
import dev.omnibus.client.admin.models.EntityStatus;
import dev.omnibus.client.admin.models.QueueProperties;
import dev.omnibus.client.admin.models.QueueRuntimeProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omnibus queue create|list|show|update|delete}. */
@Command(name = "queue", description = "Create, list, show, update and delete queues.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {QueueCommand.Create.class, QueueCommand.ListQueues.class, QueueCommand.Show.class,
                QueueCommand.Update.class, QueueCommand.Delete.class})
final class QueueCommand extends BaseCommand.Group {

    static final List<Output.Column> LIST_COLUMNS = List.of(Output.Column.of("name", "NAME"),
            Output.Column.of("status", "STATUS"), Output.Column.of("activeMessageCount", "ACTIVE"),
            Output.Column.of("deadLetterMessageCount", "DEAD-LETTER"),
            Output.Column.of("scheduledMessageCount", "SCHEDULED"), Output.Column.of("lockDuration", "LOCK"),
            Output.Column.of("maxDeliveryCount", "MAX-DELIVERY"),
            Output.Column.of("defaultMessageTimeToLive", "TTL"), Output.Column.of("requiresSession", "SESSIONS"));

    /** The properties a queue may change after it is created. */
    static final class Settings {
        @Option(names = "--lock-duration", converter = Durations.class, paramLabel = "DURATION",
                description = "How long a received message stays locked (default 1m).")
        Duration lockDuration;

        @Option(names = "--max-delivery-count", paramLabel = "N",
                description = "Deliveries before a message is dead-lettered (default 10).")
        Integer maxDeliveryCount;

        @Option(names = {"--default-ttl", "--default-message-ttl"}, converter = Durations.class,
                paramLabel = "DURATION", description = "Time to live of messages that set none (default unlimited).")
        Duration defaultMessageTimeToLive;

        @Option(names = "--dead-letter-on-expiration", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
                description = "Move expired messages to the dead-letter queue.")
        Boolean deadLetteringOnMessageExpiration;

        @Option(names = "--duplicate-detection-window", converter = Durations.class, paramLabel = "DURATION",
                description = "How long message ids are remembered (default 10m).")
        Duration duplicateDetectionHistoryTimeWindow;

        @Option(names = "--max-size-mb", paramLabel = "MB", description = "Maximum size of the queue (default 1024).")
        Long maxSizeInMegabytes;

        @Option(names = "--max-message-size-kb", paramLabel = "KB", description = "Largest message accepted.")
        Long maxMessageSizeInKilobytes;

        @Option(names = "--forward-to", paramLabel = "ENTITY",
                description = "Forward every message to this queue or topic (\"\" for none).")
        String forwardTo;

        @Option(names = "--forward-dlq-to", paramLabel = "ENTITY",
                description = "Forward dead-lettered messages to this queue or topic (\"\" for none).")
        String forwardDeadLetteredMessagesTo;

        @Option(names = "--auto-delete-on-idle", converter = Durations.class, paramLabel = "DURATION",
                description = "Delete the queue after this long unused (default unlimited).")
        Duration autoDeleteOnIdle;

        @Option(names = "--batched-operations", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
                description = "Let the service batch store operations (default true).")
        Boolean enableBatchedOperations;

        @Option(names = "--status", converter = EntitySettings.StatusConverter.class, paramLabel = "STATUS",
                description = "Active, Disabled, SendDisabled or ReceiveDisabled.")
        EntityStatus status;

        @Option(names = "--user-metadata", paramLabel = "TEXT", description = "Free text kept with the queue.")
        String userMetadata;

        void applyTo(CreateQueueOptions o) {
            ifGiven(lockDuration, o::setLockDuration);
            ifGiven(maxDeliveryCount, o::setMaxDeliveryCount);
            ifGiven(defaultMessageTimeToLive, o::setDefaultMessageTimeToLive);
            ifGiven(deadLetteringOnMessageExpiration, o::setDeadLetteringOnMessageExpiration);
            ifGiven(duplicateDetectionHistoryTimeWindow, o::setDuplicateDetectionHistoryTimeWindow);
            ifGiven(maxSizeInMegabytes, o::setMaxSizeInMegabytes);
            ifGiven(maxMessageSizeInKilobytes, o::setMaxMessageSizeInKilobytes);
            text(forwardTo, o::setForwardTo);
            text(forwardDeadLetteredMessagesTo, o::setForwardDeadLetteredMessagesTo);
            ifGiven(autoDeleteOnIdle, o::setAutoDeleteOnIdle);
            ifGiven(enableBatchedOperations, o::setEnableBatchedOperations);
            ifGiven(status, o::setStatus);
            text(userMetadata, o::setUserMetadata);
        }

        void applyTo(QueueProperties q) {
            ifGiven(lockDuration, q::setLockDuration);
            ifGiven(maxDeliveryCount, q::setMaxDeliveryCount);
            ifGiven(defaultMessageTimeToLive, q::setDefaultMessageTimeToLive);
            ifGiven(deadLetteringOnMessageExpiration, q::setDeadLetteringOnMessageExpiration);
            ifGiven(duplicateDetectionHistoryTimeWindow, q::setDuplicateDetectionHistoryTimeWindow);
            ifGiven(maxSizeInMegabytes, q::setMaxSizeInMegabytes);
            ifGiven(maxMessageSizeInKilobytes, q::setMaxMessageSizeInKilobytes);
            text(forwardTo, q::setForwardTo);
            text(forwardDeadLetteredMessagesTo, q::setForwardDeadLetteredMessagesTo);
            ifGiven(autoDeleteOnIdle, q::setAutoDeleteOnIdle);
            ifGiven(enableBatchedOperations, q::setEnableBatchedOperations);
            ifGiven(status, q::setStatus);
            text(userMetadata, q::setUserMetadata);
        }

        boolean any() {
            return lockDuration != null || maxDeliveryCount != null || defaultMessageTimeToLive != null
                    || deadLetteringOnMessageExpiration != null || duplicateDetectionHistoryTimeWindow != null
                    || maxSizeInMegabytes != null || maxMessageSizeInKilobytes != null || forwardTo != null
                    || forwardDeadLetteredMessagesTo != null || autoDeleteOnIdle != null
                    || enableBatchedOperations != null || status != null || userMetadata != null;
        }
    }

    @Command(name = "create", description = "Create a queue.")
    static final class Create extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The queue's name.")
        String name;

        @Option(names = "--requires-session", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
                description = "Receivers must accept sessions (cannot change later).")
        Boolean requiresSession;

        @Option(names = "--requires-duplicate-detection", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
                description = "Drop messages whose id was seen within the window (cannot change later).")
        Boolean requiresDuplicateDetection;

        @Option(names = "--partitioning", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
                description = "Partition the queue (cannot change later).")
        Boolean enablePartitioning;

        @Mixin
        Settings settings;

        @Override
        int execute(Context context) {
            CreateQueueOptions options = new CreateQueueOptions();
            ifGiven(requiresSession, options::setRequiresSession);
            ifGiven(requiresDuplicateDetection, options::setRequiresDuplicateDetection);
            ifGiven(enablePartitioning, options::setEnablePartitioning);
            settings.applyTo(options);
            QueueProperties created = context.admin().createQueue(name, options);
            context.output().done(Views.queue(created, null), "Created queue '" + created.getName() + "'.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List the queues with their message counts.")
    static final class ListQueues extends BaseCommand {
        @Override
        int execute(Context context) {
            ServiceBusAdministrationClient admin = context.admin();
            List<QueueProperties> queues = admin.listQueues();
            Map<String, QueueRuntimeProperties> counts = admin.listQueuesRuntimeProperties().stream()
                    .collect(Collectors.toMap(QueueRuntimeProperties::getName, Function.identity(), (a, b) -> a));
            context.output().list(queues.stream().map(q -> Views.queue(q, counts.get(q.getName()))).toList(),
                    LIST_COLUMNS);
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "Show a queue's properties and message counts.")
    static final class Show extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The queue.")
        String name;

        @Override
        int execute(Context context) {
            ServiceBusAdministrationClient admin = context.admin();
            QueueProperties queue = admin.getQueue(name);
            context.output().object(Views.queue(queue, admin.getQueueRuntimeProperties(name)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "update", description = "Change a queue's properties; the others keep their values.")
    static final class Update extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The queue.")
        String name;

        @Mixin
        Settings settings;

        @Override
        int execute(Context context) {
            if (!settings.any()) {
                throw usage("Nothing to update: give at least one property option");
            }
            QueueProperties queue = context.admin().getQueue(name);
            settings.applyTo(queue);
            QueueProperties updated = context.admin().updateQueue(queue);
            context.output().done(Views.queue(updated, null), "Updated queue '" + updated.getName() + "'.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", description = "Delete a queue and its messages.")
    static final class Delete extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The queue.")
        String name;

        @Override
        int execute(Context context) {
            context.admin().deleteQueue(name);
            context.output().done(Views.of("kind", "queue", "deleted", name), "Deleted queue '" + name + "'.");
            return ExitCodes.OK;
        }
    }
}
