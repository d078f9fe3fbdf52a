package dev.omnibus.server.management;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A small writer over the JDK's {@link XMLStreamWriter} (which does the escaping). Namespace declarations are written
 * by hand, not repaired, so every prefix is exactly the one the official clients expect. Elements with a null value
 * are left out, as the service leaves out unset optional properties. Confined to one thread.
 */
final class XmlOut {
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
    private final XMLStreamWriter writer;

    XmlOut() {
        try {
            writer = FACTORY.createXMLStreamWriter(bytes, "utf-8");
            writer.writeStartDocument("utf-8", "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Opens an element in the namespace currently the default. */
    XmlOut open(String name) {
        return run(() -> writer.writeStartElement(name));
    }

    /** Opens an element with a prefix (its namespace must be declared on it or an ancestor). */
    XmlOut open(String prefix, String name, String namespace) {
        return run(() -> writer.writeStartElement(prefix, name, namespace));
    }

    /** Declares the default namespace on the element just opened. */
    XmlOut defaultNamespace(String uri) {
        return run(() -> writer.writeDefaultNamespace(uri));
    }

    /** Declares a prefix on the element just opened. */
    XmlOut namespace(String prefix, String uri) {
        return run(() -> {
            writer.setPrefix(prefix, uri);
            writer.writeNamespace(prefix, uri);
        });
    }

    XmlOut attribute(String name, String value) {
        return run(() -> writer.writeAttribute(name, value));
    }

    XmlOut attribute(String prefix, String namespace, String name, String value) {
        return run(() -> writer.writeAttribute(prefix, namespace, name, value));
    }

    XmlOut text(String value) {
        return run(() -> writer.writeCharacters(value));
    }

    XmlOut close() {
        return run(writer::writeEndElement);
    }

    /** {@code <name>value</name>}, nothing when the value is null. */
    XmlOut element(String name, Object value) {
        if (value == null) {
            return this;
        }
        return open(name).text(String.valueOf(value)).close();
    }

    /** {@code <prefix:name>value</prefix:name>}. */
    XmlOut element(String prefix, String name, String namespace, Object value) {
        return open(prefix, name, namespace).text(String.valueOf(value)).close();
    }

    /** An element without content, written as a start and end tag so every parser reads it as empty text. */
    XmlOut empty(String name) {
        return open(name).close();
    }

    /** Ends the document and returns it as UTF-8. */
    byte[] toBytes() {
        run(writer::writeEndDocument);
        run(writer::close);
        return bytes.toByteArray();
    }

    String toText() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }

    private XmlOut run(XmlStep step) {
        try {
            step.run();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Writing XML failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface XmlStep {
        void run() throws XMLStreamException;
    }
}
