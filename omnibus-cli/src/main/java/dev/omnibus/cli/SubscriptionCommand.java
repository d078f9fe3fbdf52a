package dev.omnibus.cli;

import static dev.omnibus.cli.EntitySettings.ifGiven;
import static dev.omnibus.cli.EntitySettings.text;

import dev.omnibus.client.admin.ServiceBusAdministrationClient;
import dev.omnibus.client.admin.models.CreateRuleOptions;
import dev.omnibus.client.admin.models.CreateSubscriptionOptions;
import dev.omnibus.client.admin.models.EntityStatus;
import dev.omnibus.client.admin.models.RuleAction;
import dev.omnibus.client.admin.models.RuleFilter;
import dev.omnibus.client.admin.models.SubscriptionProperties;
import dev.omnibus.client.admin.models.SubscriptionRuntimeProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code omnibus subscription create|list|show|update|delete}. */
@Command(name = "subscription", aliases = "sub",
        description = "Create, list, show, update and delete the subscriptions of a topic.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {SubscriptionCommand.Create.class, SubscriptionCommand.ListSubscriptions.class,
                SubscriptionCommand.Show.class, SubscriptionCommand.Update.class, SubscriptionCommand.Delete.class})
final class SubscriptionCommand extends BaseCommand.Group {

    static final List<Output.Column> LIST_COLUMNS = List.of(Output.Column.of("name", "NAME"),
            Output.Column.of("status", "STATUS"), Output.Column.of("activeMessageCount", "ACTIVE"),
            Output.Column.of("deadLetterMessageCount", "DEAD-LETTER"), Output.Column.of("lockDuration", "LOCK"),
            Output.Column.of("maxDeliveryCount", "MAX-DELIVERY"), Output.Column.of("forwardTo", "FORWARD-TO"));

    /** {@code TOPIC NAME}. */
    static final class Names {
        @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic.")
        String topic;

        @Parameters(index = "1", paramLabel = "NAME", description = "The subscription.")
        String name;
    }

    /** The properties a subscription may change after it is created. */
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

        @Option(names = "--dead-letter-on-filter-errors", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
                description = "Dead-letter messages whose rule evaluation fails (default true).")
        Boolean deadLetteringOnFilterEvaluationExceptions;

        @Option(names = "--forward-to", paramLabel = "ENTITY",
                description = "Forward every message to this queue or topic (\"\" for none).")
        String forwardTo;

        @Option(names = "--forward-dlq-to", paramLabel = "ENTITY",
                description = "Forward dead-lettered messages to this queue or topic (\"\" for none).")
        String forwardDeadLetteredMessagesTo;

        @Option(names = "--auto-delete-on-idle", converter = Durations.class, paramLabel = "DURATION",
                description = "Delete the subscription after this long unused (default unlimited).")
        Duration autoDeleteOnIdle;

        @Option(names = "--batched-operations", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
                description = "Let the service batch store operations (default true).")
        Boolean enableBatchedOperations;

        @Option(names = "--status", converter = EntitySettings.StatusConverter.class, paramLabel = "STATUS",
                description = "Active, Disabled, SendDisabled or ReceiveDisabled.")
        EntityStatus status;

        @Option(names = "--user-metadata", paramLabel = "TEXT", description = "Free text kept with the subscription.")
        String userMetadata;

        void applyTo(CreateSubscriptionOptions o) {
            ifGiven(lockDuration, o::setLockDuration);
            ifGiven(maxDeliveryCount, o::setMaxDeliveryCount);
            ifGiven(defaultMessageTimeToLive, o::setDefaultMessageTimeToLive);
            ifGiven(deadLetteringOnMessageExpiration, o::setDeadLetteringOnMessageExpiration);
            ifGiven(deadLetteringOnFilterEvaluationExceptions, o::setEnableDeadLetteringOnFilterEvaluationExceptions);
            text(forwardTo, o::setForwardTo);
            text(forwardDeadLetteredMessagesTo, o::setForwardDeadLetteredMessagesTo);
            ifGiven(autoDeleteOnIdle, o::setAutoDeleteOnIdle);
            ifGiven(enableBatchedOperations, o::setEnableBatchedOperations);
            ifGiven(status, o::setStatus);
            text(userMetadata, o::setUserMetadata);
        }

        void applyTo(SubscriptionProperties s) {
            ifGiven(lockDuration, s::setLockDuration);
            ifGiven(maxDeliveryCount, s::setMaxDeliveryCount);
            ifGiven(defaultMessageTimeToLive, s::setDefaultMessageTimeToLive);
            ifGiven(deadLetteringOnMessageExpiration, s::setDeadLetteringOnMessageExpiration);
            ifGiven(deadLetteringOnFilterEvaluationExceptions, s::setEnableDeadLetteringOnFilterEvaluationExceptions);
            text(forwardTo, s::setForwardTo);
            text(forwardDeadLetteredMessagesTo, s::setForwardDeadLetteredMessagesTo);
            ifGiven(autoDeleteOnIdle, s::setAutoDeleteOnIdle);
            ifGiven(enableBatchedOperations, s::setEnableBatchedOperations);
            ifGiven(status, s::setStatus);
            text(userMetadata, s::setUserMetadata);
        }

        boolean any() {
            return lockDuration != null || maxDeliveryCount != null || defaultMessageTimeToLive != null
                    || deadLetteringOnMessageExpiration != null || deadLetteringOnFilterEvaluationExceptions != null
                    || forwardTo != null || forwardDeadLetteredMessagesTo != null || autoDeleteOnIdle != null
                    || enableBatchedOperations != null || status != null || userMetadata != null;
        }
    }

    @Command(name = "create", description = {"Create a subscription. It starts with the $Default rule, which selects "
            + "every message unless a filter option gives it another filter."})
    static final class Create extends BaseCommand {
        @Mixin
        Names names;

        @Option(names = "--requires-session", arity = "0..1", fallbackValue = "true", paramLabel = "BOOL",
                description = "Receivers must accept sessions (cannot change later).")
        Boolean requiresSession;

        @Mixin
        Settings settings;

        @Mixin
        RuleOptions defaultRule;

        @Override
        int execute(Context context) {
            CreateSubscriptionOptions options = new CreateSubscriptionOptions();
            ifGiven(requiresSession, options::setRequiresSession);
            settings.applyTo(options);
            RuleFilter filter = defaultRule.filter(this::usage);
            RuleAction action = defaultRule.action(this::usage);
            SubscriptionProperties created;
            if (filter == null && action == null) {
                created = context.admin().createSubscription(names.topic, names.name, options);
            } else {
                CreateRuleOptions rule = filter == null ? new CreateRuleOptions() : new CreateRuleOptions(filter);
                created = context.admin().createSubscription(names.topic, names.name, options,
                        rule.setAction(action));
            }
            context.output().done(Views.subscription(created, null), "Created subscription '"
                    + created.getSubscriptionName() + "' of topic '" + created.getTopicName() + "'.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List the subscriptions of a topic with their message counts.")
    static final class ListSubscriptions extends BaseCommand {
        @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic.")
        String topic;

        @Override
        int execute(Context context) {
            ServiceBusAdministrationClient admin = context.admin();
            List<SubscriptionProperties> subscriptions = admin.listSubscriptions(topic);
            Map<String, SubscriptionRuntimeProperties> counts = admin.listSubscriptionsRuntimeProperties(topic)
                    .stream().collect(Collectors.toMap(SubscriptionRuntimeProperties::getSubscriptionName,
                            Function.identity(), (a, b) -> a));
            context.output().list(subscriptions.stream()
                    .map(s -> Views.subscription(s, counts.get(s.getSubscriptionName()))).toList(), LIST_COLUMNS);
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "Show a subscription's properties and message counts.")
    static final class Show extends BaseCommand {
        @Mixin
        Names names;

        @Override
        int execute(Context context) {
            ServiceBusAdministrationClient admin = context.admin();
            SubscriptionProperties s = admin.getSubscription(names.topic, names.name);
            context.output().object(Views.subscription(s,
                    admin.getSubscriptionRuntimeProperties(names.topic, names.name)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "update", description = "Change a subscription's properties; the others keep their values.")
    static final class Update extends BaseCommand {
        @Mixin
        Names names;

        @Mixin
        Settings settings;

        @Override
        int execute(Context context) {
            if (!settings.any()) {
                throw usage("Nothing to update: give at least one property option");
            }
            SubscriptionProperties s = context.admin().getSubscription(names.topic, names.name);
            settings.applyTo(s);
            SubscriptionProperties updated = context.admin().updateSubscription(s);
            context.output().done(Views.subscription(updated, null), "Updated subscription '"
                    + updated.getSubscriptionName() + "' of topic '" + updated.getTopicName() + "'.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", description = "Delete a subscription and its messages.")
    static final class Delete extends BaseCommand {
        @Mixin
        Names names;

        @Override
        int execute(Context context) {
            context.admin().deleteSubscription(names.topic, names.name);
            context.output().done(Views.of("kind", "subscription", "topic", names.topic, "deleted", names.name),
                    "Deleted subscription '" + names.name + "' of topic '" + names.topic + "'.");
            return ExitCodes.OK;
        }
    }
}
