package dev.omnibus.server.management;

import dev.omnibus.core.Namespace;
import dev.omnibus.core.RuleInfo;
import dev.omnibus.core.SubscriptionDescription;
import dev.omnibus.core.filter.Rule;
import dev.omnibus.server.http.HttpReply;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletableFuture;
import org.w3c.dom.Element;

/** {@code /{topic}/Subscriptions/{sub}/Rules/{name}} and the list {@code /{topic}/Subscriptions/{sub}/Rules}. */
final class RuleResource {
    private RuleResource() {
    }

    static CompletableFuture<HttpReply> get(AtomRequest r, String topic, String subscription, String name) {
        return AtomRequest.attempt(() -> {
            SubscriptionDescription s = subscription(r, topic, subscription);
            RuleInfo rule = r.namespace().listRules(topic, subscription).stream()
                    .filter(info -> info.name().equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> r.notFound("Topic", topic + "|" + subscription + "|" + name));
            return CompletableFuture.completedFuture(
                    AtomRequest.entry(HttpResponseStatus.OK, entry(r, s, rule)));
        });
    }

    /** Creates a rule, or with {@code If-Match} replaces it; the URL names the rule. */
    static CompletableFuture<HttpReply> put(AtomRequest r, String topic, String subscription, String name) {
        Element description = XmlIn.description(r.view().body());
        if (!XmlIn.is(description, AtomNs.SB, RuleXml.ELEMENT)) {
            throw new IllegalArgumentException("Expected a RuleDescription in the namespace " + AtomNs.SB
                    + ", not <" + description.getTagName() + ">.");
        }
        Rule rule = RuleXml.read(description, name);
        Namespace ns = r.namespace();
        SubscriptionDescription s = subscription(r, topic, subscription);
        if (r.isUpdate()) {
            return ns.updateRule(topic, subscription, rule)
                    .thenApply(info -> AtomRequest.entry(HttpResponseStatus.OK, entry(r, s, info)));
        }
        return ns.createRule(topic, subscription, rule)
                .thenApply(info -> AtomRequest.entry(HttpResponseStatus.CREATED, entry(r, s, info)));
    }

    static CompletableFuture<HttpReply> delete(AtomRequest r, String topic, String subscription, String name) {
        return r.namespace().deleteRule(topic, subscription, name).thenApply(v -> AtomRequest.deleted());
    }

    static CompletableFuture<HttpReply> list(AtomRequest r, String topic, String subscription) {
        return AtomRequest.attempt(() -> {
            SubscriptionDescription s = subscription(r, topic, subscription);
            return r.feed("Rules", s.topicName() + AtomLinks.SUBSCRIPTIONS + s.name() + "/Rules",
                    r.namespace().listRules(topic, subscription),
                    info -> CompletableFuture.completedFuture(entry(r, s, info)));
        });
    }

    private static SubscriptionDescription subscription(AtomRequest r, String topic, String subscription) {
        return r.namespace().getSubscription(topic, subscription)
                .orElseThrow(() -> r.notFound("Topic", topic + "|" + subscription));
    }

    private static AtomEntry entry(AtomRequest r, SubscriptionDescription s, RuleInfo rule) {
        return new AtomEntry(r.links().rule(s.topicName(), s.name(), rule.name()), rule.name(), rule.createdAt(),
                rule.createdAt(), r.namespace().name(), out -> RuleXml.write(out, rule));
    }
}
