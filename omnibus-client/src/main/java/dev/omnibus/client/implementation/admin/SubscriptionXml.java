package dev.omnibus.client.implementation.admin;

import dev.omnibus.client.admin.models.CreateRuleOptions;
import dev.omnibus.client.admin.models.CreateSubscriptionOptions;
import org.w3c.dom.Element;

/**
 * {@code SubscriptionDescription}: written in the service's element order, settable properties only, with the
 * {@code DefaultRuleDescription} a create may carry; read in any order.
 */
final class SubscriptionXml {
    static final String ELEMENT = "SubscriptionDescription";

    private SubscriptionXml() {
    }

    /**
     * @param ruleName the name of the rule the subscription starts with, or null for the service's {@code $Default}
     * @param rule that rule's filter and action (only with {@code ruleName})
     */
    static void write(XmlWriter out, CreateSubscriptionOptions s, String ruleName, CreateRuleOptions rule,
                      String namespaceHost) {
        out.openDescription(ELEMENT)
                .element("LockDuration", DescriptionXml.duration(s.getLockDuration()))
                .element("RequiresSession", s.isSessionRequired())
                .element("DefaultMessageTimeToLive", DescriptionXml.duration(s.getDefaultMessageTimeToLive()))
                .element("DeadLetteringOnMessageExpiration", s.isDeadLetteringOnMessageExpiration())
                .element("DeadLetteringOnFilterEvaluationExceptions",
                        s.isDeadLetteringOnFilterEvaluationExceptions());
        if (ruleName != null) {
            RuleXml.writeBody(out, "DefaultRuleDescription", ruleName, rule);
        }
        out.element("MaxDeliveryCount", s.getMaxDeliveryCount())
                .element("EnableBatchedOperations", s.isBatchedOperationsEnabled())
                .element("Status", s.getStatus().getWireName())
                .element("ForwardTo", DescriptionXml.forwardUrl(s.getForwardTo(), namespaceHost))
                .element("UserMetadata", s.getUserMetadata())
                .element("ForwardDeadLetteredMessagesTo",
                        DescriptionXml.forwardUrl(s.getForwardDeadLetteredMessagesTo(), namespaceHost))
                .element("AutoDeleteOnIdle", DescriptionXml.duration(s.getAutoDeleteOnIdle()))
                .close();
    }

    static CreateSubscriptionOptions read(Element e) {
        CreateSubscriptionOptions s = new CreateSubscriptionOptions();
        DescriptionXml.duration(e, "LockDuration", s::setLockDuration);
        DescriptionXml.bool(e, "RequiresSession", s::setRequiresSession);
        DescriptionXml.duration(e, "DefaultMessageTimeToLive", s::setDefaultMessageTimeToLive);
        DescriptionXml.bool(e, "DeadLetteringOnMessageExpiration", s::setDeadLetteringOnMessageExpiration);
        DescriptionXml.bool(e, "DeadLetteringOnFilterEvaluationExceptions",
                s::setEnableDeadLetteringOnFilterEvaluationExceptions);
        DescriptionXml.int32(e, "MaxDeliveryCount", s::setMaxDeliveryCount);
        DescriptionXml.bool(e, "EnableBatchedOperations", s::setEnableBatchedOperations);
        DescriptionXml.status(e, s::setStatus);
        s.setForwardTo(DescriptionXml.forwardTarget(e, "ForwardTo"));
        s.setUserMetadata(XmlReader.text(e, "UserMetadata"));
        s.setForwardDeadLetteredMessagesTo(DescriptionXml.forwardTarget(e, "ForwardDeadLetteredMessagesTo"));
        DescriptionXml.duration(e, "AutoDeleteOnIdle", s::setAutoDeleteOnIdle);
        return s;
    }
}
