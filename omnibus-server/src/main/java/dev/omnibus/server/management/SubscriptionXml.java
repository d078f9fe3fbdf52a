package dev.omnibus.server.management;

import dev.omnibus.core.QueueRuntimeInfo;
import dev.omnibus.core.SubscriptionDescription;
import org.w3c.dom.Element;

/** {@code SubscriptionDescription}: written in the service's element order, read in any order. */
final class SubscriptionXml {
    static final String ELEMENT = "SubscriptionDescription";
    /** Only in a create request: the rule the subscription starts with instead of {@code $Default}. */
    static final String DEFAULT_RULE = "DefaultRuleDescription";

    private SubscriptionXml() {
    }

    static void write(XmlOut out, SubscriptionDescription d, QueueRuntimeInfo runtime, AtomLinks links) {
        DescriptionXml.open(out, ELEMENT);
        out.element("LockDuration", XmlValues.duration(d.lockDuration()))
                .element("RequiresSession", d.requiresSession())
                .element("DefaultMessageTimeToLive", XmlValues.duration(d.defaultMessageTimeToLive()))
                .element("DeadLetteringOnMessageExpiration", d.deadLetteringOnMessageExpiration())
                .element("DeadLetteringOnFilterEvaluationExceptions", d.deadLetteringOnFilterEvaluationExceptions())
                .element("MessageCount", runtime.totalMessageCount())
                .element("MaxDeliveryCount", d.maxDeliveryCount())
                .element("EnableBatchedOperations", d.enableBatchedOperations())
                .element("Status", d.status().wireName())
                .element("ForwardTo", links.forwardTarget(d.forwardTo()))
                .element("CreatedAt", XmlValues.instant(d.createdAt()))
                .element("UpdatedAt", XmlValues.instant(d.updatedAt()))
                .element("AccessedAt", XmlValues.instant(runtime.accessedAt()));
        DescriptionXml.countDetails(out, runtime.activeMessageCount(), runtime.deadLetterMessageCount(),
                runtime.scheduledMessageCount(), runtime.transferDeadLetterMessageCount(),
                runtime.transferMessageCount());
        out.element("UserMetadata", d.userMetadata())
                .element("ForwardDeadLetteredMessagesTo", links.forwardTarget(d.forwardDeadLetteredMessagesTo()))
                .element("AutoDeleteOnIdle", XmlValues.duration(d.autoDeleteOnIdle()))
                .element("EntityAvailabilityStatus", DescriptionXml.AVAILABLE)
                .close();
    }

    static SubscriptionDescription read(Element e, SubscriptionDescription.Builder b) {
        DescriptionXml.duration(e, "LockDuration", b::lockDuration);
        DescriptionXml.bool(e, "RequiresSession", b::requiresSession);
        DescriptionXml.duration(e, "DefaultMessageTimeToLive", b::defaultMessageTimeToLive);
        DescriptionXml.bool(e, "DeadLetteringOnMessageExpiration", b::deadLetteringOnMessageExpiration);
        DescriptionXml.bool(e, "DeadLetteringOnFilterEvaluationExceptions",
                b::deadLetteringOnFilterEvaluationExceptions);
        DescriptionXml.int32(e, "MaxDeliveryCount", b::maxDeliveryCount);
        DescriptionXml.bool(e, "EnableBatchedOperations", b::enableBatchedOperations);
        DescriptionXml.status(e, b::status);
        b.forwardTo(DescriptionXml.forwardTarget(e, "ForwardTo"));
        b.forwardDeadLetteredMessagesTo(DescriptionXml.forwardTarget(e, "ForwardDeadLetteredMessagesTo"));
        b.userMetadata(XmlIn.text(e, "UserMetadata"));
        DescriptionXml.duration(e, "AutoDeleteOnIdle", b::autoDeleteOnIdle);
        return b.build();
    }
}
