package dev.omnibus.server.management;

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
 * Reads request bodies with the JDK's namespace-aware DOM parser: elements are matched by namespace and local name,
 * so any prefix and any order work. DOCTYPEs are refused, so no external entity is ever resolved.
 */
final class XmlIn {
    private static final DocumentBuilderFactory FACTORY = factory();

    private XmlIn() {
    }

    /**
     * The description inside an ATOM entry: the first element of {@code entry/content}.
     *
     * @throws IllegalArgumentException when the body is not XML or not an entry with content
     */
    static Element description(byte[] body) {
        Element root = parse(body);
        if (!is(root, AtomNs.ATOM, "entry")) {
            throw new IllegalArgumentException("The request body must be an ATOM entry in the namespace "
                    + AtomNs.ATOM + ", not <" + root.getTagName() + ">.");
        }
        Element content = child(root, AtomNs.ATOM, "content");
        Element description = content == null ? null : firstElement(content);
        if (description == null) {
            throw new IllegalArgumentException("The ATOM entry has no content element with a description.");
        }
        return description;
    }

    static Element parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new IllegalArgumentException("The request has no body.");
        }
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            // The default handler prints fatal errors on stderr before throwing; this one only throws.
            builder.setErrorHandler(new DefaultHandler());
            return builder.parse(new ByteArrayInputStream(body)).getDocumentElement();
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new IllegalArgumentException("The request body is not valid XML: " + e.getMessage());
        }
    }

    static boolean is(Element e, String namespace, String localName) {
        return namespace.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName());
    }

    /** The first child element with that name in the Service Bus namespace, or null. */
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

    static List<Element> children(Element parent, String localName) {
        List<Element> all = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && is(e, AtomNs.SB, localName)) {
                all.add(e);
            }
        }
        return all;
    }

    /** The text of a child element, or null when there is none. An empty element counts as absent. */
    static String text(Element parent, String localName) {
        Element e = child(parent, localName);
        if (e == null || isNil(e)) {
            return null;
        }
        String text = e.getTextContent();
        return text.isEmpty() ? null : text;
    }

    /** Runs {@code apply} with the child's text when the child is there. */
    static void ifPresent(Element parent, String localName, Consumer<String> apply) {
        String text = text(parent, localName);
        if (text != null) {
            apply.accept(text);
        }
    }

    /** {@code i:nil="true"}. */
    static boolean isNil(Element e) {
        return "true".equals(e.getAttributeNS(AtomNs.XSI, "nil"));
    }

    /** The local part of the element's {@code xsi:type} (whatever the prefix), or null. */
    static String xsiType(Element e) {
        String type = e.getAttributeNS(AtomNs.XSI, "type");
        if (type.isEmpty()) {
            return null;
        }
        int colon = type.indexOf(':');
        return colon < 0 ? type : type.substring(colon + 1);
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
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
