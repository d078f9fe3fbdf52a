package dev.omnibus.server.amqp;

import static dev.omnibus.amqp.RuleWire.RULES;
import static dev.omnibus.amqp.RuleWire.RULE_DESCRIPTION;
import static dev.omnibus.amqp.RuleWire.RULE_NAME;

import dev.omnibus.amqp.EntityAddress;
import dev.omnibus.amqp.ServiceBusError;
import dev.omnibus.core.BrokerException;
import dev.omnibus.core.Namespace;
import dev.omnibus.core.RuleInfo;
import dev.omnibus.core.filter.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The rule operations of a subscription's {@code $management} node: {@code add-rule}, {@code remove-rule} and
 * {@code enumerate-rules} (what {@code ServiceBusRuleManagerClient} and its counterparts in the other SDKs use).
 * Errors: 409 {@code com.microsoft:entity-already-exists} for a name in use, 400 {@code com.microsoft:argument-error}
 * with the parser's message for invalid SQL, 404 {@code amqp:not-found} for an unknown rule; all from the core.
 */
final class RuleManagement {
    private final Namespace namespace;
    private final EntityAddress address;

    RuleManagement(Namespace namespace, EntityAddress address) {
        this.namespace = namespace;
        this.address = address;
    }

    CompletableFuture<ManagementResult> add(Map<?, ?> body) {
        requireSubscription();
        if (!(body.get(RULE_DESCRIPTION) instanceof Map<?, ?> description)) {
            throw new BrokerException(ServiceBusError.ARGUMENT_ERROR, "The request body has no 'rule-description'.");
        }
        Rule rule = RuleCodec.decode(ruleName(body), description);
        return namespace.createRule(address.topicName(), address.subscriptionName(), rule)
                .thenApply(info -> ManagementResult.ok(Map.of()));
    }

    CompletableFuture<ManagementResult> remove(Map<?, ?> body) {
        requireSubscription();
        return namespace.deleteRule(address.topicName(), address.subscriptionName(), ruleName(body))
                .thenApply(v -> ManagementResult.ok(Map.of()));
    }

    /** The rules in creation order, paged by {@code skip} and {@code top}; 204 when there are none. */
    CompletableFuture<ManagementResult> enumerate(Map<?, ?> body) {
        requireSubscription();
        int skip = Math.max(0, RequestValues.number(body, "skip", 0).intValue());
        int top = Math.max(0, RequestValues.number(body, "top", Integer.MAX_VALUE).intValue());
        List<RuleInfo> all = namespace.listRules(address.topicName(), address.subscriptionName());
        List<Map<String, Object>> page = new ArrayList<>();
        for (int i = skip; i < all.size() && page.size() < top; i++) {
            page.add(RuleCodec.encode(all.get(i)));
        }
        return CompletableFuture.completedFuture(ManagementResult.okUnlessEmpty(page, Map.of(RULES, page)));
    }

    private void requireSubscription() {
        if (!address.isSubscription()) {
            throw new BrokerException(ServiceBusError.NOT_ALLOWED,
                    "Rules belong to subscriptions; '" + address.entityPath() + "' is not one.");
        }
    }

    private static String ruleName(Map<?, ?> body) {
        String name = RequestValues.text(body, RULE_NAME);
        if (name == null || name.isEmpty()) {
            throw new BrokerException(ServiceBusError.ARGUMENT_ERROR, "The request body has no 'rule-name'.");
        }
        return name;
    }
}
