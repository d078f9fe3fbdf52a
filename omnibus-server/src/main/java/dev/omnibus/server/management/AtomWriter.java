package dev.omnibus.server.management;

import java.time.Instant;
import java.util.List;

/**
 * Writes entries and feeds in the service's shape and order. A feed always has its {@code self} link and a
 * {@code next} link only when a later page exists: the JS client reads links as a list and pages with the
 * {@code $skip} of {@code next}, the Java client stops at the page without one.
 */
final class AtomWriter {
    private AtomWriter() {
    }

    static byte[] entry(AtomEntry entry) {
        XmlOut out = new XmlOut();
        entry(out, entry, true);
        return out.toBytes();
    }

    /**
     * @param selfUrl the feed's own URL
     * @param nextUrl the next page's URL, or null on the last page
     */
    static byte[] feed(String title, String selfUrl, String nextUrl, Instant updated, List<AtomEntry> entries) {
        XmlOut out = new XmlOut();
        out.open("feed").defaultNamespace(AtomNs.ATOM)
                .open("title").attribute("type", "text").text(title).close()
                .element("id", selfUrl)
                .element("updated", XmlValues.instant(updated));
        link(out, "self", selfUrl);
        if (nextUrl != null) {
            link(out, "next", nextUrl);
        }
        for (AtomEntry entry : entries) {
            entry(out, entry, false);
        }
        out.close();
        return out.toBytes();
    }

    private static void entry(XmlOut out, AtomEntry entry, boolean root) {
        out.open("entry");
        if (root) {
            out.defaultNamespace(AtomNs.ATOM);
        }
        out.element("id", entry.id())
                .open("title").attribute("type", "text").text(entry.title()).close()
                .element("published", XmlValues.instant(entry.published()))
                .element("updated", XmlValues.instant(entry.updated()))
                .open("author").element("name", entry.author()).close();
        link(out, "self", entry.id());
        out.open("content").attribute("type", "application/xml");
        entry.description().accept(out);
        out.close().close();
    }

    private static void link(XmlOut out, String rel, String href) {
        out.open("link").attribute("rel", rel).attribute("href", href).close();
    }
}
