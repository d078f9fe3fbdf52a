package dev.omnibus.core;

/** PeekLock locks each delivered message until settled; ReceiveAndDelete removes it as it is delivered. */
public enum ReceiveMode { PEEK_LOCK, RECEIVE_AND_DELETE }
