package dev.omnibus.core;

/**
 * Where a receiver's messages go. Called on the entity's mailbox thread: implementations hand the call to their
 * own thread and return at once.
 */
public interface DeliverySink {
    /** A message for this receiver, within its credit. */
    void onMessage(ReceivedMessage message);

    /** A drain finished: everything available was delivered and the rest of the credit is spent. */
    void onDrained();

    /** The broker closed the receiver, e.g. because its entity was deleted or disabled. */
    void onClosed(BrokerException reason);
}
