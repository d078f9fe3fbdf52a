package dev.omnibus.core.store;

import dev.omnibus.core.MessageMeta;

/** A message as stored: its meta and its payload. */
public record StoredMessage(MessageMeta meta, byte[] payload) {
}
