package dev.omnibus.cli;

import static dev.omnibus.cli.EntitySettings.ifGiven;
import static dev.omnibus.cli.EntitySettings.text;

import dev.omnibus.client.admin.ServiceBusAdministrationClient;
import dev.omnibus.client.admin.models.CreateTopicOptions;
import dev.omnibus.client.admin.models.EntityStatus;
import dev.omnibus.client.admin.models.TopicProperties;
import dev.omnibus.client.admin.models.TopicRuntimeProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omnibus topic create|list|show|update|delete}. */
@Command(name = "topic", description = "Create, list, show, update and delete topics.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {TopicCommand.Create.class, TopicCommand.ListTopics.class, TopicCommand.Show.class,
                TopicCommand.Update.class, TopicCommand.Delete.class})
final class TopicCommand extends BaseCommand.Group {

    static final List<Output.Column> LIST_COLUMNS = List.of(Output.Column.of("name", "NAME"),
            Output.Column.of("status", "STATUS"), Output.Column.of("subscriptionCount", "SUBSCRIPTIONS"),
            Output.Column.of("scheduledMessageCount", "SCHEDULED"), Output.Column.of("sizeInBytes", "SIZE"),
            Output.Column.of("defaultMessageTimeToLive", "TTL"));

    /** The properties a topic may change after it is created. */
    static final class Settings {
        @Option(names = {"--default-ttl", "--default-message-ttl"}, converter = Durations.class,
                paramLabel = "DURATION", description = "Time to live of messages that set none (default unlimited).")
        Duration defaultMessageTimeToLive;

        @Option(names = "--duplicate-detection-window", converter = Durations.class, paramLabel = "DURATION",
                description = "How long message ids are remembered (default 10m).")
        Duration duplicateDetectionHistoryTimeWindow;

        @Option(names = "--max-size-mb", paramLabel = "MB", description = "Maximum size of the topic (default 1024).")
        Long maxSizeInMegabytes;

        @Option(names = "--max-message-size-kb", paramLabel = "KB", description = "Largest message accepted.")
        Long maxMessageSizeInKilobytes;

        @Option(names = "--support-ordering", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
                description = "Keep the order messages were sent in (default true).")
        Boolean supportOrdering;

        @Option(names = "--auto-delete-on-idle", converter = Durations.class, paramLabel = "DURATION",
                description = "Delete the topic after this long unused (default unlimited).")
        Duration autoDeleteOnIdle;

        @Option(names = "--batched-operations", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
                description = "Let the service batch store operations (default true).")
        Boolean enableBatchedOperations;

        @Option(names = "--status", converter = EntitySettings.StatusConverter.class, paramLabel = "STATUS",
                description = "Active, Disabled, SendDisabled or ReceiveDisabled.")
        EntityStatus status;

        @Option(names = "--user-metadata", paramLabel = "TEXT", description = "Free text kept with the topic.")
        String userMetadata;

        void applyTo(CreateTopicOptions o) {
            ifGiven(defaultMessageTimeToLive, o::setDefaultMessageTimeToLive);
            ifGiven(duplicateDetectionHistoryTimeWindow, o::setDuplicateDetectionHistoryTimeWindow);
            ifGiven(maxSizeInMegabytes, o::setMaxSizeInMegabytes);
            ifGiven(maxMessageSizeInKilobytes, o::setMaxMessageSizeInKilobytes);
            ifGiven(supportOrdering, o::setSupportOrdering);
            ifGiven(autoDeleteOnIdle, o::setAutoDeleteOnIdle);
            ifGiven(enableBatchedOperations, o::setEnableBatchedOperations);
            ifGiven(status, o::setStatus);
            text(userMetadata, o::setUserMetadata);
        }

        void applyTo(TopicProperties t) {
            ifGiven(defaultMessageTimeToLive, t::setDefaultMessageTimeToLive);
            ifGiven(duplicateDetectionHistoryTimeWindow, t::setDuplicateDetectionHistoryTimeWindow);
            ifGiven(maxSizeInMegabytes, t::setMaxSizeInMegabytes);
            ifGiven(maxMessageSizeInKilobytes, t::setMaxMessageSizeInKilobytes);
            ifGiven(supportOrdering, t::setSupportOrdering);
            ifGiven(autoDeleteOnIdle, t::setAutoDeleteOnIdle);
            ifGiven(enableBatchedOperations, t::setEnableBatchedOperations);
            ifGiven(status, t::setStatus);
            text(userMetadata, t::setUserMetadata);
        }

        boolean any() {
            return defaultMessageTimeToLive != null || duplicateDetectionHistoryTimeWindow != null
                    || maxSizeInMegabytes != null || maxMessageSizeInKilobytes != null || supportOrdering != null
                    || autoDeleteOnIdle != null || enableBatchedOperations != null || status != null
                    || userMetadata != null;
        }
    }

    @Command(name = "create", description = "Create a topic.")
    static final class Create extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The topic's name.")
        String name;

        @Option(names = "--requires-duplicate-detection", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
                description = "Drop messages whose id was seen within the window (cannot change later).")
        Boolean requiresDuplicateDetection;

        @Option(names = "--partitioning", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
                description = "Partition the topic (cannot change later).")
        Boolean enablePartitioning;

        @Mixin
        Settings settings;

        @Override
        int execute(Context context) {
            CreateTopicOptions options = new CreateTopicOptions();
            ifGiven(requiresDuplicateDetection, options::setRequiresDuplicateDetection);
            ifGiven(enablePartitioning, options::setEnablePartitioning);
            settings.applyTo(options);
            TopicProperties created = context.admin().createTopic(name, options);
            context.output().done(Views.topic(created, null), "Created topic '" + created.getName() + "'.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List the topics with their subscription counts.")
    static final class ListTopics extends BaseCommand {
        @Override
        int execute(Context context) {
            ServiceBusAdministrationClient admin = context.admin();
            List<TopicProperties> topics = admin.listTopics();
            Map<String, TopicRuntimeProperties> counts = admin.listTopicsRuntimeProperties().stream()
                    .collect(Collectors.toMap(TopicRuntimeProperties::getName, Function.identity(), (a, b) -> a));
            context.output().list(topics.stream().map(t -> Views.topic(t, counts.get(t.getName()))).toList(),
                    LIST_COLUMNS);
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "Show a topic's properties and counts.")
    static final class Show extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The topic.")
        String name;

        @Override
        int execute(Context context) {
            ServiceBusAdministrationClient admin = context.admin();
            TopicProperties topic = admin.getTopic(name);
            context.output().object(Views.topic(topic, admin.getTopicRuntimeProperties(name)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "update", description = "Change a topic's properties; the others keep their values.")
    static final class Update extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The topic.")
        String name;

        @Mixin
        Settings settings;

        @Override
        int execute(Context context) {
            if (!settings.any()) {
                throw usage("Nothing to update: give at least one property option");
            }
            TopicProperties topic = context.admin().getTopic(name);
            settings.applyTo(topic);
            TopicProperties updated = context.admin().updateTopic(topic);
            context.output().done(Views.topic(updated, null), "Updated topic '" + updated.getName() + "'.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", description = "Delete a topic with its subscriptions and their messages.")
    static final class Delete extends BaseCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The topic.")
        String name;

        @Override
        int execute(Context context) {
            context.admin().deleteTopic(name);
            context.output().done(Views.of("kind", "topic", "deleted", name), "Deleted topic '" + name + "'.");
            return ExitCodes.OK;
        }
    }
}
