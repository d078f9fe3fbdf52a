package dev.omnibus.client.implementation.admin;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A small fluent layer over the JDK's StAX writer for request bodies. Elements are written without prefixes under
 * explicitly declared default namespaces, as the service requires; {@link #element(String, Object)} skips null
 * values, so optional properties simply do not appear. Single use.
 */
final class XmlWriter {
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    private final XMLStreamWriter out;

    XmlWriter() {
        try {
            out = FACTORY.createXMLStreamWriter(bytes, "utf-8");
            out.writeStartDocument("utf-8", "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException("The JDK's XML writer failed", e);
        }
    }

    /** The ATOM entry around a description: {@code <entry><content type="application/xml">...}. */
    static byte[] entry(Consumer<XmlWriter> description) {
        XmlWriter w = new XmlWriter();
        w.open("entry").defaultNamespace(AtomNs.ATOM).open("content").attribute("type", "application/xml");
        description.accept(w);
        return w.close().close().finish();
    }

    /** {@code <name xmlns="...connect" xmlns:i="...XMLSchema-instance">}. */
    XmlWriter openDescription(String name) {
        return open(name).defaultNamespace(AtomNs.SB).namespace(AtomNs.XSI_PREFIX, AtomNs.XSI);
    }

    XmlWriter open(String name) {
        return run(() -> out.writeStartElement(name));
    }

    XmlWriter defaultNamespace(String uri) {
        return run(() -> out.writeDefaultNamespace(uri));
    }

    XmlWriter namespace(String prefix, String uri) {
        return run(() -> out.writeNamespace(prefix, uri));
    }

    XmlWriter attribute(String name, String value) {
        return run(() -> out.writeAttribute(name, value));
    }

    /** {@code i:type="value"}. */
    XmlWriter xsiType(String value) {
        return run(() -> out.writeAttribute(AtomNs.XSI_PREFIX, AtomNs.XSI, "type", value));
    }

    /** {@code i:nil="true"}. */
    XmlWriter attributeNil() {
        return run(() -> out.writeAttribute(AtomNs.XSI_PREFIX, AtomNs.XSI, "nil", "true"));
    }

    XmlWriter text(String value) {
        return run(() -> out.writeCharacters(value));
    }

    /** {@code <name>value</name>}, nothing when {@code value} is null. */
    XmlWriter element(String name, Object value) {
        if (value == null) {
            return this;
        }
        return open(name).text(String.valueOf(value)).close();
    }

    XmlWriter close() {
        return run(out::writeEndElement);
    }

    private byte[] finish() {
        run(out::writeEndDocument);
        run(out::close);
        return bytes.toByteArray();
    }

    /** For tests and error messages. */
    static String toString(byte[] xml) {
        return new String(xml, StandardCharsets.UTF_8);
    }

    private XmlWriter run(XmlAction action) {
        try {
            action.run();
            return this;
        } catch (XMLStreamException e) {
            throw new IllegalStateException("The JDK's XML writer failed", e);
        }
    }

    @FunctionalInterface
    private interface XmlAction {
        void run() throws XMLStreamException;
    }
}
