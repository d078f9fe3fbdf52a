package dev.omnibus.client.implementation.admin;

import dev.omnibus.client.admin.models.CreateTopicOptions;
import org.w3c.dom.Element;

/** {@code TopicDescription}: written in the service's element order, settable properties only; read in any order. */
final class TopicXml {
    static final String ELEMENT = "TopicDescription";

    private TopicXml() {
    }

    static void write(XmlWriter out, CreateTopicOptions t) {
        out.openDescription(ELEMENT)
                .element("DefaultMessageTimeToLive", DescriptionXml.duration(t.getDefaultMessageTimeToLive()))
                .element("MaxSizeInMegabytes", t.getMaxSizeInMegabytes())
                .element("RequiresDuplicateDetection", t.isDuplicateDetectionRequired())
                .element("DuplicateDetectionHistoryTimeWindow",
                        DescriptionXml.duration(t.getDuplicateDetectionHistoryTimeWindow()))
                .element("EnableBatchedOperations", t.isBatchedOperationsEnabled())
                .element("Status", t.getStatus().getWireName())
                .element("SupportOrdering", t.isOrderingSupported())
                .element("AutoDeleteOnIdle", DescriptionXml.duration(t.getAutoDeleteOnIdle()))
                .element("EnablePartitioning", t.isPartitioningEnabled())
                .element("UserMetadata", t.getUserMetadata())
                .element("MaxMessageSizeInKilobytes", t.getMaxMessageSizeInKilobytes())
                .close();
    }

    static CreateTopicOptions read(Element e) {
        CreateTopicOptions t = new CreateTopicOptions();
        DescriptionXml.duration(e, "DefaultMessageTimeToLive", t::setDefaultMessageTimeToLive);
        DescriptionXml.int64(e, "MaxSizeInMegabytes", t::setMaxSizeInMegabytes);
        DescriptionXml.bool(e, "RequiresDuplicateDetection", t::setRequiresDuplicateDetection);
        DescriptionXml.duration(e, "DuplicateDetectionHistoryTimeWindow", t::setDuplicateDetectionHistoryTimeWindow);
        DescriptionXml.bool(e, "EnableBatchedOperations", t::setEnableBatchedOperations);
        DescriptionXml.status(e, t::setStatus);
        DescriptionXml.bool(e, "SupportOrdering", t::setSupportOrdering);
        DescriptionXml.duration(e, "AutoDeleteOnIdle", t::setAutoDeleteOnIdle);
        DescriptionXml.bool(e, "EnablePartitioning", t::setEnablePartitioning);
        t.setUserMetadata(XmlReader.text(e, "UserMetadata"));
        DescriptionXml.int64(e, "MaxMessageSizeInKilobytes", t::setMaxMessageSizeInKilobytes);
        return t;
    }
}
