package dev.omnibus.server.config;

import dev.omnibus.core.Namespace;
import dev.omnibus.core.RuleInfo;
import dev.omnibus.core.SubscriptionDescription;
import dev.omnibus.core.TopicDescription;
import dev.omnibus.core.filter.Rule;
import dev.omnibus.server.config.ConfigApplier.Mode;
import java.util.List;
import java.util.Objects;

/**
 * The topic part of {@link ConfigApplier}: topics, their subscriptions, and the subscriptions' rules.
 *
 * <p>A subscription's rules belong to its definition: a new subscription starts with the declared rules (the first
 * one replaces {@code $Default}), or with {@code $Default} when none is declared, as Service Bus does. In
 * {@link Mode#CREATE_OR_UPDATE} an existing subscription is brought to the declared set: missing rules are created,
 * rules whose filter or action differ are replaced, and rules the file does not declare are deleted (otherwise a
 * {@code $Default} left from an earlier run would let everything through a filter the file now declares). Rule names
 * compare ignoring case, as Service Bus compares them.
 */
final class TopicApplier {
    private final Namespace namespace;
    private final Mode mode;
    private final ConfigApplier.Result result;

    TopicApplier(Namespace namespace, Mode mode, ConfigApplier.Result result) {
        this.namespace = namespace;
        this.mode = mode;
        this.result = result;
    }

    void applyTopic(TopicConfig topic) {
        TopicDescription wanted = topic.description();
        TopicDescription existing = namespace.getTopic(wanted.name()).orElse(null);
        String what = "topic '" + wanted.name() + "'";
        if (existing == null) {
            ConfigApplier.await(topic.path(), what, namespace.createTopic(wanted));
            result.created().add(wanted.name());
        } else if (mode == Mode.CREATE_ONLY || sameDefinition(existing, wanted)) {
            result.unchanged().add(existing.name());
        } else {
            ConfigApplier.await(topic.path(), what, namespace.updateTopic(wanted));
            result.updated().add(existing.name());
        }
    }

    void applySubscriptions(TopicConfig topic) {
        topic.subscriptions().forEach(this::applySubscription);
    }

    private void applySubscription(SubscriptionConfig subscription) {
        SubscriptionDescription wanted = subscription.description();
        List<Rule> rules = subscription.effectiveRules();
        SubscriptionDescription existing = namespace.getSubscription(wanted.topicName(), wanted.name()).orElse(null);
        String what = "subscription '" + wanted.path() + "'";
        if (existing == null) {
            ConfigApplier.await(subscription.path(), what, namespace.createSubscription(wanted, rules.get(0)));
            for (Rule rule : rules.subList(1, rules.size())) {
                ConfigApplier.await(subscription.path(), what,
                        namespace.createRule(wanted.topicName(), wanted.name(), rule));
            }
            result.created().add(wanted.path());
            return;
        }
        if (mode == Mode.CREATE_ONLY) {
            result.unchanged().add(existing.path());
            return;
        }
        boolean changed = false;
        if (!sameDefinition(existing, wanted)) {
            ConfigApplier.await(subscription.path(), what, namespace.updateSubscription(wanted));
            changed = true;
        }
        changed |= syncRules(subscription, existing, rules);
        (changed ? result.updated() : result.unchanged()).add(existing.path());
    }

    /** Brings the subscription's rules to {@code wanted}; returns whether anything changed. */
    private boolean syncRules(SubscriptionConfig subscription, SubscriptionDescription s, List<Rule> wanted) {
        String what = "the rules of subscription '" + s.path() + "'";
        List<RuleInfo> existing = namespace.listRules(s.topicName(), s.name());
        boolean changed = false;
        for (RuleInfo info : existing) {
            if (wanted.stream().noneMatch(r -> r.name().equalsIgnoreCase(info.name()))) {
                ConfigApplier.await(subscription.path(), what,
                        namespace.deleteRule(s.topicName(), s.name(), info.name()));
                changed = true;
            }
        }
        for (Rule rule : wanted) {
            RuleInfo current = existing.stream().filter(i -> i.name().equalsIgnoreCase(rule.name())).findFirst()
                    .orElse(null);
            if (current == null) {
                ConfigApplier.await(subscription.path(), what, namespace.createRule(s.topicName(), s.name(), rule));
                changed = true;
            } else if (!rule.filter().equals(current.rule().filter())
                    || !Objects.equals(rule.action(), current.rule().action())) {
                Rule renamed = new Rule(current.name(), rule.filter(), rule.action());
                ConfigApplier.await(subscription.path(), what, namespace.updateRule(s.topicName(), s.name(), renamed));
                changed = true;
            }
        }
        return changed;
    }

    /** Equal but for the timestamps and the letter case of the name. */
    static boolean sameDefinition(TopicDescription existing, TopicDescription wanted) {
        return wanted.toBuilder().name(existing.name()).createdAt(existing.createdAt())
                .updatedAt(existing.updatedAt()).build().equals(existing);
    }

    static boolean sameDefinition(SubscriptionDescription existing, SubscriptionDescription wanted) {
        return wanted.toBuilder().topicName(existing.topicName()).name(existing.name())
                .createdAt(existing.createdAt()).updatedAt(existing.updatedAt()).build().equals(existing);
    }
}
