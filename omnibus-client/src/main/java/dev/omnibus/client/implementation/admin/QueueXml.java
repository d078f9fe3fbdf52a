package dev.omnibus.client.implementation.admin;

import dev.omnibus.client.admin.models.CreateQueueOptions;
import org.w3c.dom.Element;

/**
 * {@code QueueDescription}: written in the service's element order with only the properties a client may set;
 * read in any order (counts and times are read by {@link DescriptionXml#runtime(Element)}).
 */
final class QueueXml {
    static final String ELEMENT = "QueueDescription";

    private QueueXml() {
    }

    static void write(XmlWriter out, CreateQueueOptions q, String namespaceHost) {
        out.openDescription(ELEMENT)
                .element("LockDuration", DescriptionXml.duration(q.getLockDuration()))
                .element("MaxSizeInMegabytes", q.getMaxSizeInMegabytes())
                .element("RequiresDuplicateDetection", q.isDuplicateDetectionRequired())
                .element("RequiresSession", q.isSessionRequired())
                .element("DefaultMessageTimeToLive", DescriptionXml.duration(q.getDefaultMessageTimeToLive()))
                .element("DeadLetteringOnMessageExpiration", q.isDeadLetteringOnMessageExpiration())
                .element("DuplicateDetectionHistoryTimeWindow",
                        DescriptionXml.duration(q.getDuplicateDetectionHistoryTimeWindow()))
                .element("MaxDeliveryCount", q.getMaxDeliveryCount())
                .element("EnableBatchedOperations", q.isBatchedOperationsEnabled())
                .element("Status", q.getStatus().getWireName())
                .element("ForwardTo", DescriptionXml.forwardUrl(q.getForwardTo(), namespaceHost))
                .element("UserMetadata", q.getUserMetadata())
                .element("AutoDeleteOnIdle", DescriptionXml.duration(q.getAutoDeleteOnIdle()))
                .element("EnablePartitioning", q.isPartitioningEnabled())
                .element("ForwardDeadLetteredMessagesTo",
                        DescriptionXml.forwardUrl(q.getForwardDeadLetteredMessagesTo(), namespaceHost))
                .element("MaxMessageSizeInKilobytes", q.getMaxMessageSizeInKilobytes())
                .close();
    }

    static CreateQueueOptions read(Element e) {
        CreateQueueOptions q = new CreateQueueOptions();
        DescriptionXml.duration(e, "LockDuration", q::setLockDuration);
        DescriptionXml.int64(e, "MaxSizeInMegabytes", q::setMaxSizeInMegabytes);
        DescriptionXml.bool(e, "RequiresDuplicateDetection", q::setRequiresDuplicateDetection);
        DescriptionXml.bool(e, "RequiresSession", q::setRequiresSession);
        DescriptionXml.duration(e, "DefaultMessageTimeToLive", q::setDefaultMessageTimeToLive);
        DescriptionXml.bool(e, "DeadLetteringOnMessageExpiration", q::setDeadLetteringOnMessageExpiration);
        DescriptionXml.duration(e, "DuplicateDetectionHistoryTimeWindow", q::setDuplicateDetectionHistoryTimeWindow);
        DescriptionXml.int32(e, "MaxDeliveryCount", q::setMaxDeliveryCount);
        DescriptionXml.bool(e, "EnableBatchedOperations", q::setEnableBatchedOperations);
        DescriptionXml.status(e, q::setStatus);
        q.setForwardTo(DescriptionXml.forwardTarget(e, "ForwardTo"));
        q.setUserMetadata(XmlReader.text(e, "UserMetadata"));
        DescriptionXml.duration(e, "AutoDeleteOnIdle", q::setAutoDeleteOnIdle);
        DescriptionXml.bool(e, "EnablePartitioning", q::setEnablePartitioning);
        q.setForwardDeadLetteredMessagesTo(DescriptionXml.forwardTarget(e, "ForwardDeadLetteredMessagesTo"));
        DescriptionXml.int64(e, "MaxMessageSizeInKilobytes", q::setMaxMessageSizeInKilobytes);
        return q;
    }
}
