package dev.omnibus.client.implementation.admin;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The shapes the service answers with: an ATOM {@code <entry>} around one description, a {@code <feed>} of entries
 * (one page of a list), and {@code <Error><Code/><Detail/></Error>}.
 */
final class AtomDocument {
    private AtomDocument() {
    }

    /**
     * One entry of an answer.
     *
     * @param title the entity's name (the clients take names from here)
     * @param description the {@code *Description} element inside {@code content}
     */
    record Entry(String title, Element description) {
        /** Whether the description is the Service Bus element {@code name}. */
        boolean describes(String name) {
            return XmlReader.is(description, AtomNs.SB, name);
        }
    }

    /**
     * One page of a list.
     *
     * @param entries the page's entries
     * @param hasNext whether the feed links to a next page
     */
    record Page(List<Entry> entries, boolean hasNext) {
    }

    /**
     * The entry of a GET or PUT answer, or null when the answer is a feed without entries (how the service says that
     * an entity does not exist, besides a 404).
     *
     * @throws IllegalArgumentException when the answer is neither
     */
    static Entry entry(byte[] body) {
        Element root = XmlReader.parse(body);
        if (XmlReader.is(root, AtomNs.ATOM, "feed")) {
            List<Entry> entries = entries(root);
            return entries.isEmpty() ? null : entries.get(0);
        }
        if (!XmlReader.is(root, AtomNs.ATOM, "entry")) {
            throw new IllegalArgumentException("The service answered <" + root.getTagName() + ">, not an ATOM entry");
        }
        return entry(root);
    }

    /**
     * A page of a list answer.
     *
     * @throws IllegalArgumentException when the answer is not a feed
     */
    static Page page(byte[] body) {
        Element root = XmlReader.parse(body);
        if (!XmlReader.is(root, AtomNs.ATOM, "feed")) {
            throw new IllegalArgumentException("The service answered <" + root.getTagName() + ">, not an ATOM feed");
        }
        boolean hasNext = XmlReader.children(root, AtomNs.ATOM, "link").stream()
                .anyMatch(link -> "next".equals(link.getAttribute("rel")));
        return new Page(entries(root), hasNext);
    }

    /** The {@code Detail} of an error answer; the body itself when it is not the service's error XML. */
    static String errorDetail(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            Element root = XmlReader.parse(body);
            for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && "Detail".equals(e.getLocalName())) {
                    return e.getTextContent();
                }
            }
            return root.getTextContent();
        } catch (IllegalArgumentException notXml) {
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
            return text.length() > 500 ? text.substring(0, 500) + "..." : text;
        }
    }

    private static List<Entry> entries(Element feed) {
        List<Entry> entries = new ArrayList<>();
        for (Element e : XmlReader.children(feed, AtomNs.ATOM, "entry")) {
            entries.add(entry(e));
        }
        return entries;
    }

    private static Entry entry(Element entry) {
        Element title = XmlReader.child(entry, AtomNs.ATOM, "title");
        Element content = XmlReader.child(entry, AtomNs.ATOM, "content");
        Element description = content == null ? null : XmlReader.firstElement(content);
        if (description == null) {
            throw new IllegalArgumentException("The service's ATOM entry has no content");
        }
        return new Entry(title == null ? null : title.getTextContent().strip(), description);
    }
}
