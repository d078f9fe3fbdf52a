package dev.omnibus.server.management;

import dev.omnibus.core.Namespace;
import dev.omnibus.core.SubscriptionDescription;
import dev.omnibus.core.filter.Rule;
import dev.omnibus.server.http.HttpReply;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletableFuture;
import org.w3c.dom.Element;

/** {@code /{topic}/Subscriptions/{name}} and the list {@code /{topic}/Subscriptions}. */
final class SubscriptionResource {
    private SubscriptionResource() {
    }

    static CompletableFuture<HttpReply> get(AtomRequest r, String topic, String name) {
        return entry(r, topic, name).thenApply(e -> AtomRequest.entry(HttpResponseStatus.OK, e));
    }

    /**
     * Creates (or with {@code If-Match} updates) a subscription. A create may carry a
     * {@code DefaultRuleDescription}: the subscription then starts with that rule instead of {@code $Default}.
     */
    static CompletableFuture<HttpReply> put(AtomRequest r, String topic, String name) {
        Element description = XmlIn.description(r.view().body());
        if (!XmlIn.is(description, AtomNs.SB, SubscriptionXml.ELEMENT)) {
            throw new IllegalArgumentException("Expected a SubscriptionDescription in the namespace " + AtomNs.SB
                    + ", not <" + description.getTagName() + ">.");
        }
        Namespace ns = r.namespace();
        if (r.isUpdate()) {
            SubscriptionDescription.Builder base = ns.getSubscription(topic, name)
                    .map(s -> s.toBuilder().forwardTo(null).forwardDeadLetteredMessagesTo(null).userMetadata(null))
                    .orElseGet(() -> SubscriptionDescription.builder(topic, name));
            return ns.updateSubscription(SubscriptionXml.read(description, base))
                    .thenCompose(d -> entry(r, topic, d.name()))
                    .thenApply(e -> AtomRequest.entry(HttpResponseStatus.OK, e));
        }
        Element ruleElement = XmlIn.child(description, SubscriptionXml.DEFAULT_RULE);
        Rule defaultRule = ruleElement == null ? null : RuleXml.read(ruleElement, null);
        SubscriptionDescription requested = SubscriptionXml.read(description,
                SubscriptionDescription.builder(topic, name));
        return ns.createSubscription(requested, defaultRule)
                .thenCompose(d -> entry(r, topic, d.name()))
                .thenApply(e -> AtomRequest.entry(HttpResponseStatus.CREATED, e));
    }

    static CompletableFuture<HttpReply> delete(AtomRequest r, String topic, String name) {
        return r.namespace().deleteSubscription(topic, name).thenApply(v -> AtomRequest.deleted());
    }

    static CompletableFuture<HttpReply> list(AtomRequest r, String topic) {
        Namespace ns = r.namespace();
        String canonicalTopic = ns.getTopic(topic).map(t -> t.name()).orElse(topic);
        return AtomRequest.attempt(() -> r.feed("Subscriptions", canonicalTopic + "/Subscriptions",
                ns.listSubscriptions(topic), d -> entry(r, d.topicName(), d.name())));
    }

    private static CompletableFuture<AtomEntry> entry(AtomRequest r, String topic, String name) {
        Namespace ns = r.namespace();
        return ns.subscriptionRuntimeInfo(topic, name).thenApply(runtime -> {
            SubscriptionDescription d = ns.getSubscription(topic, name)
                    .orElseThrow(() -> r.notFound("Topic", topic + "|" + name));
            return new AtomEntry(r.links().subscription(d.topicName(), d.name()), d.name(), d.createdAt(),
                    d.updatedAt(), ns.name(), out -> SubscriptionXml.write(out, d, runtime, r.links()));
        });
    }
}
