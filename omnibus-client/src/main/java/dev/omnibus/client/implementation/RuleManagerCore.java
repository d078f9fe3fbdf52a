package dev.omnibus.client.implementation;

import dev.omnibus.client.admin.models.RuleAction;
import dev.omnibus.client.admin.models.RuleFilter;
import dev.omnibus.client.admin.models.RuleProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a rule manager does, on internal futures: add, remove and list the rules of one subscription through its
 * {@code $management} node ({@link RuleCodec}), with retries. The public sync and async rule managers wrap it.
 * Thread-safe.
 */
public final class RuleManagerCore {
    /** Rules are listed in pages of this many (the SDKs ask for all at once; pages keep answers small). */
    static final int PAGE = 100;

    private final String subscriptionPath;
    private final RetryPolicy retry;
    private final LinkSlot<ManagementChannel> management;

    /** A rule manager for the subscription at {@code subscriptionPath} ({@code topic/Subscriptions/name}). */
    public RuleManagerCore(ConnectionManager connections, RetryPolicy retry, String subscriptionPath) {
        this.subscriptionPath = subscriptionPath;
        this.retry = retry;
        this.management = new LinkSlot<>(connections,
                c -> ManagementChannel.open(c, subscriptionPath, subscriptionPath), ManagementChannel::isUsable,
                ManagementChannel::close);
    }

    /**
     * Adds a rule.
     *
     * @throws IllegalArgumentException (at once) if the filter or action cannot be sent over AMQP
     */
    public CompletableFuture<Void> createRule(String name, RuleFilter filter, RuleAction action) {
        var description = RuleCodec.encode(name, filter, action);
        return retry.run("create rule " + name + " on " + subscriptionPath,
                () -> management.get().thenCompose(m -> m.addRule(name, description)));
    }

    /** Removes a rule. */
    public CompletableFuture<Void> deleteRule(String name) {
        return retry.run("delete rule " + name + " on " + subscriptionPath,
                () -> management.get().thenCompose(m -> m.removeRule(name)));
    }

    /** Every rule, in the order the service lists them, asked for page by page. */
    public CompletableFuture<List<RuleProperties>> listRules() {
        return page(0, new ArrayList<>());
    }

    private CompletableFuture<List<RuleProperties>> page(int skip, List<RuleProperties> found) {
        String operation = "list rules of " + subscriptionPath;
        return retry.run(operation, () -> management.get().thenCompose(m -> m.enumerateRules(skip, PAGE)))
                .thenCompose(entries -> {
                    for (Object entry : entries) {
                        found.add(RuleCodec.decode(entry, operation));
                    }
                    return entries.size() < PAGE ? CompletableFuture.completedFuture(found)
                            : page(skip + entries.size(), found);
                });
    }

    /** @return the subscription's path */
    public String subscriptionPath() {
        return subscriptionPath;
    }

    /** Detaches the management links. */
    public void close() {
        management.close();
    }
}
