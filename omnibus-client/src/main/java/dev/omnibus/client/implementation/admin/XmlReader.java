package dev.omnibus.client.implementation.admin;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads responses with the JDK's namespace-aware DOM parser: elements are matched by namespace and local name, so
 * any prefix and any order work. DOCTYPEs are refused, so no external entity is ever resolved.
 */
final class XmlReader {
    private static final DocumentBuilderFactory FACTORY = factory();

    private XmlReader() {
    }

    /**
     * @throws IllegalArgumentException when the bytes are not XML
     */
    static Element parse(byte[] body) {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // throw, never print
            return builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new IllegalArgumentException("The service's answer is not XML: " + e.getMessage(), e);
        }
    }

    static boolean is(Element e, String namespace, String localName) {
        return namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName());
    }

    /** The first child with that name in the Service Bus namespace, or null. */
    static Element child(Element parent, String localName) {
        return child(parent, AtomNs.SB, localName);
    }

    static Element child(Element parent, String namespace, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && is(e, namespace, localName)) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> all = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && is(e, namespace, localName)) {
                all.add(e);
            }
        }
        return all;
    }

    static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    /** The text of a child in the Service Bus namespace, or null when absent, empty or {@code i:nil}. */
    static String text(Element parent, String localName) {
        Element e = child(parent, localName);
        if (e == null || isNil(e)) {
            return null;
        }
        String text = e.getTextContent();
        return text.isEmpty() ? null : text;
    }

    /** Runs {@code apply} with the child's text when it is there. */
    static void ifPresent(Element parent, String localName, Consumer<String> apply) {
        String text = text(parent, localName);
        if (text != null) {
            apply.accept(text);
        }
    }

    static boolean isNil(Element e) {
        return "true".equals(e.getAttributeNS(AtomNs.XSI, "nil"));
    }

    /** The local part of the element's {@code xsi:type}, whatever its prefix, or null. */
    static String xsiType(Element e) {
        String type = e.getAttributeNS(AtomNs.XSI, "type");
        if (type.isEmpty()) {
            return null;
        }
        int colon = type.indexOf(':');
        return colon < 0 ? type : type.substring(colon + 1);
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK XML parser cannot be secured", e);
        }
        return f;
    }
}
