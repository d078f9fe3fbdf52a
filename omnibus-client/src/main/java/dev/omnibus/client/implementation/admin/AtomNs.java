package dev.omnibus.client.implementation.admin;

/** The XML namespaces, prefixes and content types of the ATOM management API. */
final class AtomNs {
    static final String ATOM = "http://www.w3.org/2005/Atom";
    /** The namespace of every {@code *Description} element and their children. */
    static final String SB = "http://schemas.microsoft.com/netservices/2010/10/servicebus/connect";
    /** The namespace of the {@code CountDetails} children. */
    static final String SB_2011 = "http://schemas.microsoft.com/netservices/2011/06/servicebus";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    static final String XSD = "http://www.w3.org/2001/XMLSchema";
    /** The prefixes the service writes; the JS client depends on them, so we write the same. */
    static final String XSI_PREFIX = "i";
    static final String XSD_PREFIX = "d6p1";

    static final String ENTRY_CONTENT_TYPE = "application/atom+xml;type=entry;charset=utf-8";
    static final String API_VERSION = "2021-05";

    private AtomNs() {
    }
}
