package dev.omnibus.core.internal;

import dev.omnibus.core.EntityStatus;
import dev.omnibus.core.QueueDescription;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entity definitions as the store keeps them: a version, the kind, the namespace, then named properties as text
 * pairs, so adding a property later does not break reading older definitions.
 */
public final class DefinitionCodec {
    private static final byte VERSION = 1;
    public static final String QUEUE = "queue";

    /** A decoded definition. */
    public record Definition(String kind, String namespace, QueueDescription queue) {
    }

    private DefinitionCodec() {
    }

    public static byte[] encodeQueue(String namespace, QueueDescription d) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("name", d.name());
        p.put("lockDuration", d.lockDuration().toString());
        p.put("maxSizeInMegabytes", Long.toString(d.maxSizeInMegabytes()));
        p.put("requiresDuplicateDetection", Boolean.toString(d.requiresDuplicateDetection()));
        p.put("requiresSession", Boolean.toString(d.requiresSession()));
        p.put("defaultMessageTimeToLive", d.defaultMessageTimeToLive().toString());
        p.put("deadLetteringOnMessageExpiration", Boolean.toString(d.deadLetteringOnMessageExpiration()));
        p.put("duplicateDetectionHistoryTimeWindow", d.duplicateDetectionHistoryTimeWindow().toString());
        p.put("maxDeliveryCount", Integer.toString(d.maxDeliveryCount()));
        p.put("enableBatchedOperations", Boolean.toString(d.enableBatchedOperations()));
        p.put("status", d.status().name());
        putIfSet(p, "forwardTo", d.forwardTo());
        putIfSet(p, "forwardDeadLetteredMessagesTo", d.forwardDeadLetteredMessagesTo());
        p.put("autoDeleteOnIdle", d.autoDeleteOnIdle().toString());
        p.put("enablePartitioning", Boolean.toString(d.enablePartitioning()));
        putIfSet(p, "userMetadata", d.userMetadata());
        p.put("maxMessageSizeInKilobytes", Long.toString(d.maxMessageSizeInKilobytes()));
        p.put("createdAt", d.createdAt().toString());
        p.put("updatedAt", d.updatedAt().toString());
        return encode(QUEUE, namespace, p);
    }

    public static Definition decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalStateException("Unknown definition version " + version);
            }
            String kind = in.readUTF();
            String namespace = in.readUTF();
            int n = in.readInt();
            Map<String, String> p = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                p.put(in.readUTF(), in.readUTF());
            }
            if (!QUEUE.equals(kind)) {
                return new Definition(kind, namespace, null);
            }
            return new Definition(kind, namespace, queue(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static QueueDescription queue(Map<String, String> p) {
        QueueDescription.Builder b = QueueDescription.builder(p.get("name"))
                .lockDuration(Duration.parse(p.get("lockDuration")))
                .maxSizeInMegabytes(Long.parseLong(p.get("maxSizeInMegabytes")))
                .requiresDuplicateDetection(Boolean.parseBoolean(p.get("requiresDuplicateDetection")))
                .requiresSession(Boolean.parseBoolean(p.get("requiresSession")))
                .defaultMessageTimeToLive(Duration.parse(p.get("defaultMessageTimeToLive")))
                .deadLetteringOnMessageExpiration(Boolean.parseBoolean(p.get("deadLetteringOnMessageExpiration")))
                .duplicateDetectionHistoryTimeWindow(Duration.parse(p.get("duplicateDetectionHistoryTimeWindow")))
                .maxDeliveryCount(Integer.parseInt(p.get("maxDeliveryCount")))
                .enableBatchedOperations(Boolean.parseBoolean(p.get("enableBatchedOperations")))
                .status(EntityStatus.valueOf(p.get("status")))
                .forwardTo(p.get("forwardTo"))
                .forwardDeadLetteredMessagesTo(p.get("forwardDeadLetteredMessagesTo"))
                .autoDeleteOnIdle(Duration.parse(p.get("autoDeleteOnIdle")))
                .enablePartitioning(Boolean.parseBoolean(p.get("enablePartitioning")))
                .userMetadata(p.get("userMetadata"))
                .maxMessageSizeInKilobytes(Long.parseLong(p.get("maxMessageSizeInKilobytes")))
                .createdAt(Instant.parse(p.get("createdAt")))
                .updatedAt(Instant.parse(p.get("updatedAt")));
        return b.build();
    }

    private static void putIfSet(Map<String, String> p, String key, String value) {
        if (value != null) {
            p.put(key, value);
        }
    }

    private static byte[] encode(String kind, String namespace, Map<String, String> properties) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(kind);
            out.writeUTF(namespace);
            out.writeInt(properties.size());
            for (Map.Entry<String, String> e : properties.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
