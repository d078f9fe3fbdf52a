package dev.omnibus.client.implementation;

import dev.omnibus.client.exceptions.ServiceBusException;
import dev.omnibus.client.models.ServiceBusMessage;
import dev.omnibus.client.models.ServiceBusMessageBatch;
import dev.omnibus.client.models.ServiceBusReceivedMessage;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;

/**
 * The bridge through which the implementation creates and updates model objects without making their internals
 * public (the Azure SDK's "accessor helper" pattern). The models register their accessors in static initialisers;
 * {@link #received()} and {@link #batches()} force that initialisation.
 */
public final class ModelAccess {
    private static volatile ReceivedAccess received;
    private static volatile BatchAccess batches;

    private ModelAccess() {
    }

    /** What the implementation may do to a {@link ServiceBusReceivedMessage}. */
    public interface ReceivedAccess {
        /** A received message with the given content, broker properties and settlement handle (or null). */
        ServiceBusReceivedMessage create(ServiceBusMessage content, BrokerProperties broker, Object handle);

        /** The handle the receiver that produced the message attached to it, or null. */
        Object handle(ServiceBusReceivedMessage message);

        /** Records a renewed lock expiry. */
        void setLockedUntil(ServiceBusReceivedMessage message, OffsetDateTime lockedUntil);

        /** Marks the message settled; false if it already was. */
        boolean markSettled(ServiceBusReceivedMessage message);

        /** Undoes {@link #markSettled} after a settlement failed, so the caller may try again. */
        void clearSettled(ServiceBusReceivedMessage message);

        /** Records why an auto lock renewer stopped renewing the message. */
        void setAutoRenewError(ServiceBusReceivedMessage message, ServiceBusException error);
    }

    /** What the implementation may do to a {@link ServiceBusMessageBatch}. */
    public interface BatchAccess {
        /** An empty batch that encodes messages with {@code encoder} and holds at most {@code maxSize} bytes. */
        ServiceBusMessageBatch create(long maxSize, Function<ServiceBusMessage, byte[]> encoder,
                                      BatchSizer sizer);

        /** The encoded messages added so far. */
        List<byte[]> encoded(ServiceBusMessageBatch batch);
    }

    /** Called by {@link ServiceBusReceivedMessage}'s static initialiser. */
    public static void register(ReceivedAccess access) {
        received = access;
    }

    /** Called by {@link ServiceBusMessageBatch}'s static initialiser. */
    public static void register(BatchAccess access) {
        batches = access;
    }

    /** @return the received-message accessor */
    public static ReceivedAccess received() {
        if (received == null) {
            initialise(ServiceBusReceivedMessage.class);
        }
        return received;
    }

    /** @return the batch accessor */
    public static BatchAccess batches() {
        if (batches == null) {
            initialise(ServiceBusMessageBatch.class);
        }
        return batches;
    }

    private static void initialise(Class<?> type) {
        try {
            Class.forName(type.getName(), true, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
