package dev.omnibus.cli;

import dev.omnibus.client.admin.models.CreateRuleOptions;
import dev.omnibus.client.admin.models.RuleAction;
import dev.omnibus.client.admin.models.RuleFilter;
import dev.omnibus.client.admin.models.RuleProperties;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code omnibus rule create|list|show|update|delete}: the rules of a subscription. */
@Command(name = "rule", description = "Create, list, show, update and delete the rules of a subscription.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {RuleCommand.Create.class, RuleCommand.ListRules.class, RuleCommand.Show.class,
                RuleCommand.Update.class, RuleCommand.Delete.class})
final class RuleCommand extends BaseCommand.Group {

    static final List<Output.Column> LIST_COLUMNS = List.of(Output.Column.of("name", "NAME"),
            Output.Column.wrapped("filterText", "FILTER", 60), Output.Column.wrapped("actionText", "ACTION", 40));

    /** {@code TOPIC SUBSCRIPTION}, the subscription a rule command works on. */
    static final class Owner {
        @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic.")
        String topic;

        @Parameters(index = "1", paramLabel = "SUBSCRIPTION", description = "The subscription.")
        String subscription;
    }

    @Command(name = "create", description = "Add a rule to a subscription (default filter: every message).")
    static final class Create extends BaseCommand {
        @Mixin
        Owner owner;

        @Parameters(index = "2", paramLabel = "NAME", description = "The rule's name.")
        String name;

        @Mixin
        RuleOptions rule;

        @Override
        int execute(Context context) {
            RuleFilter filter = rule.filter(this::usage);
            RuleAction action = rule.action(this::usage);
            CreateRuleOptions options = filter == null ? new CreateRuleOptions() : new CreateRuleOptions(filter);
            options.setAction(action);
            RuleProperties created = context.admin().createRule(owner.topic, owner.subscription, name, options);
            context.output().done(Views.rule(created), "Created rule '" + created.getName() + "' of subscription '"
                    + owner.topic + "/" + owner.subscription + "'.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "List the rules of a subscription.")
    static final class ListRules extends BaseCommand {
        @Mixin
        Owner owner;

        @Override
        int execute(Context context) {
            List<RuleProperties> rules = context.admin().listRules(owner.topic, owner.subscription);
            context.output().list(rules.stream().map(Views::ruleRow).toList(), LIST_COLUMNS);
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "Show a rule's filter and action.")
    static final class Show extends BaseCommand {
        @Mixin
        Owner owner;

        @Parameters(index = "2", paramLabel = "NAME", description = "The rule.")
        String name;

        @Override
        int execute(Context context) {
            context.output().object(Views.rule(context.admin().getRule(owner.topic, owner.subscription, name)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "update", description = "Replace a rule's filter, action, or both.")
    static final class Update extends BaseCommand {
        @Mixin
        Owner owner;

        @Parameters(index = "2", paramLabel = "NAME", description = "The rule.")
        String name;

        @Mixin
        RuleOptions rule;

        @Override
        int execute(Context context) {
            RuleFilter filter = rule.filter(this::usage);
            RuleAction action = rule.action(this::usage);
            if (filter == null && action == null) {
                throw usage("Nothing to update: give a filter option, --sql-action or --no-action");
            }
            RuleProperties current = context.admin().getRule(owner.topic, owner.subscription, name);
            if (filter != null) {
                current.setFilter(filter);
            }
            if (action != null) {
                current.setAction(action);
            }
            RuleProperties updated = context.admin().updateRule(owner.topic, owner.subscription, current);
            context.output().done(Views.rule(updated), "Updated rule '" + updated.getName() + "'.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "delete", description = "Delete a rule.")
    static final class Delete extends BaseCommand {
        @Mixin
        Owner owner;

        @Parameters(index = "2", paramLabel = "NAME", description = "The rule.")
        String name;

        @Override
        int execute(Context context) {
            context.admin().deleteRule(owner.topic, owner.subscription, name);
            context.output().done(Views.of("kind", "rule", "topic", owner.topic, "subscription", owner.subscription,
                    "deleted", name), "Deleted rule '" + name + "'.");
            return ExitCodes.OK;
        }
    }
}
