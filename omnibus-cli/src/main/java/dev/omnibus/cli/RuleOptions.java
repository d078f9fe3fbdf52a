package dev.omnibus.cli;

import dev.omnibus.client.admin.models.CorrelationRuleFilter;
import dev.omnibus.client.admin.models.EmptyRuleAction;
import dev.omnibus.client.admin.models.FalseRuleFilter;
import dev.omnibus.client.admin.models.RuleAction;
import dev.omnibus.client.admin.models.RuleFilter;
import dev.omnibus.client.admin.models.SqlRuleAction;
import dev.omnibus.client.admin.models.SqlRuleFilter;
import dev.omnibus.client.admin.models.TrueRuleFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * A rule's filter and action on the command line: one of {@code --sql-filter}, {@code --true-filter},
 * {@code --false-filter} or the correlation options; {@code --sql-action} or {@code --no-action}; and
 * {@code --parameter} / {@code --action-parameter} values for the SQL.
 */
final class RuleOptions {
    @Option(names = "--sql-filter", paramLabel = "EXPR",
            description = "SQL filter, e.g. \"color = 'red' AND size > @min\".")
    String sqlFilter;

    @Option(names = "--true-filter", description = "Select every message (1=1).")
    boolean trueFilter;

    @Option(names = "--false-filter", description = "Select no message (1=0).")
    boolean falseFilter;

    @Option(names = "--correlation-id", paramLabel = "ID", description = "Correlation filter: the correlation id.")
    String correlationId;

    @Option(names = "--message-id", paramLabel = "ID", description = "Correlation filter: the message id.")
    String messageId;

    @Option(names = "--to", paramLabel = "ADDRESS", description = "Correlation filter: the 'to' address.")
    String to;

    @Option(names = "--reply-to", paramLabel = "ADDRESS", description = "Correlation filter: the reply-to address.")
    String replyTo;

    @Option(names = {"--label", "--subject"}, paramLabel = "TEXT", description = "Correlation filter: the subject.")
    String label;

    @Option(names = "--session-id", paramLabel = "ID", description = "Correlation filter: the session id.")
    String sessionId;

    @Option(names = "--reply-to-session-id", paramLabel = "ID",
            description = "Correlation filter: the reply-to session id.")
    String replyToSessionId;

    @Option(names = "--content-type", paramLabel = "TYPE", description = "Correlation filter: the content type.")
    String contentType;

    @Option(names = "--filter-property", paramLabel = "KEY=VALUE",
            description = "Correlation filter: an application property to match (repeatable).")
    List<String> filterProperties = new ArrayList<>();

    @Option(names = "--sql-action", paramLabel = "EXPR", description = "SQL action, e.g. \"SET priority = 'high'\".")
    String sqlAction;

    @Option(names = "--no-action", description = "No action (replaces an existing one on update).")
    boolean noAction;

    @Option(names = "--parameter", paramLabel = "KEY=VALUE",
            description = "A parameter of the SQL filter, e.g. @min=10 (repeatable).")
    List<String> parameters = new ArrayList<>();

    @Option(names = "--action-parameter", paramLabel = "KEY=VALUE",
            description = "A parameter of the SQL action (repeatable).")
    List<String> actionParameters = new ArrayList<>();

    private boolean correlation() {
        return correlationId != null || messageId != null || to != null || replyTo != null || label != null
                || sessionId != null || replyToSessionId != null || contentType != null
                || !filterProperties.isEmpty();
    }

    /**
     * The filter the options describe, or null when they describe none.
     *
     * @param usage makes the usage error for conflicting options
     */
    RuleFilter filter(Function<String, RuntimeException> usage) {
        int kinds = (sqlFilter != null ? 1 : 0) + (trueFilter ? 1 : 0) + (falseFilter ? 1 : 0)
                + (correlation() ? 1 : 0);
        if (kinds > 1) {
            throw usage.apply("Give one filter: --sql-filter, --true-filter, --false-filter or correlation options");
        }
        if (sqlFilter == null && !parameters.isEmpty()) {
            throw usage.apply("--parameter needs --sql-filter");
        }
        if (sqlFilter != null) {
            SqlRuleFilter filter = new SqlRuleFilter(sqlFilter);
            filter.getParameters().putAll(TypedValues.parse(parameters));
            return filter;
        }
        if (trueFilter) {
            return new TrueRuleFilter();
        }
        if (falseFilter) {
            return new FalseRuleFilter();
        }
        if (correlation()) {
            CorrelationRuleFilter filter = new CorrelationRuleFilter().setCorrelationId(correlationId)
                    .setMessageId(messageId).setTo(to).setReplyTo(replyTo).setLabel(label).setSessionId(sessionId)
                    .setReplyToSessionId(replyToSessionId).setContentType(contentType);
            filter.getProperties().putAll(TypedValues.parse(filterProperties));
            return filter;
        }
        return null;
    }

    /** The action the options describe, or null when they say nothing about it. */
    RuleAction action(Function<String, RuntimeException> usage) {
        if (sqlAction != null && noAction) {
            throw usage.apply("Give --sql-action or --no-action, not both");
        }
        if (sqlAction == null && !actionParameters.isEmpty()) {
            throw usage.apply("--action-parameter needs --sql-action");
        }
        if (sqlAction != null) {
            SqlRuleAction action = new SqlRuleAction(sqlAction);
            action.getParameters().putAll(TypedValues.parse(actionParameters));
            return action;
        }
        return noAction ? new EmptyRuleAction() : null;
    }
}
