package dev.omnibus.client.implementation;

import dev.omnibus.client.models.ServiceBusMessage;

/** Sizes a batch transfer as it grows: the envelope taken from the first message, plus one data section per message. */
public interface BatchSizer {
    /** The encoded size of the batch envelope when {@code first} is the batch's first message. */
    long envelope(ServiceBusMessage first);

    /** The encoded size of the data section that carries one encoded message. */
    long section(byte[] encodedMessage);
}
