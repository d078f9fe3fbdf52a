package dev.omnibus.server.management;

/** The XML namespaces of the ATOM management API and the content types it answers with. */
final class AtomNs {
    static final String ATOM = "http://www.w3.org/2005/Atom";
    /** The namespace of every {@code *Description} element and their children. */
    static final String SB = "http://schemas.microsoft.com/netservices/2010/10/servicebus/connect";
    /** The namespace of the {@code CountDetails} children ({@code d2p1:ActiveMessageCount}, ...). */
    static final String SB_2011 = "http://schemas.microsoft.com/netservices/2011/06/servicebus";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    static final String XSD = "http://www.w3.org/2001/XMLSchema";

    /**
     * Prefixes as the service writes them. They matter: the JS client does not resolve namespaces, it reads
     * {@code i:type}, takes the value type after a four-character prefix ({@code d6p1:}) and finds the
     * {@code CountDetails} children by the one {@code xmlns:<prefix>} declaration on that element.
     */
    static final String XSI_PREFIX = "i";
    static final String XSD_PREFIX = "d6p1";
    static final String SB_2011_PREFIX = "d2p1";

    static final String ENTRY_CONTENT_TYPE = "application/atom+xml;type=entry;charset=utf-8";
    static final String FEED_CONTENT_TYPE = "application/atom+xml;type=feed;charset=utf-8";
    static final String ERROR_CONTENT_TYPE = "application/xml; charset=utf-8";
    /** The api-version the SDKs send; echoed in the ids and links we write. */
    static final String API_VERSION = "2021-05";

    private AtomNs() {
    }
}
