package dev.omnibus.server.amqp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.qpid.protonj2.engine.Sender;
import org.apache.qpid.protonj2.engine.Session;
import org.apache.qpid.protonj2.types.messaging.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The links on which a connection's clients wait for {@code $cbs} and {@code $management} responses, and the rule
 * that picks one for a response (each SDK names its reply link differently):
 * <ol>
 *   <li>a link whose target address equals the request's {@code reply-to} (Java, .NET);</li>
 *   <li>else a link whose name equals {@code reply-to} (JavaScript);</li>
 *   <li>else the link attached to the same node in the request's session (Python sends no reply-to).</li>
 * </ol>
 * Responses wait until the client grants credit; they are sent pre-settled. Confined to the connection's event loop.
 */
final class ReplyRouter {
    private static final Logger LOG = LoggerFactory.getLogger(ReplyRouter.class);
    /** Responses kept per link while the client grants no credit; beyond this the client is not reading them. */
    private static final int MAX_PENDING = 1024;

    private final List<ReplyLink> links = new ArrayList<>();

    /** Opens a reply link for a node ({@code $cbs} or a management node key). */
    void attach(Sender sender, String node) {
        ReplyLink link = new ReplyLink(sender, node);
        sender.setSource(sender.getRemoteSource());
        sender.setTarget(sender.getRemoteTarget() instanceof Target t ? t : null);
        sender.setSenderSettleMode(sender.getRemoteSenderSettleMode());
        sender.setReceiverSettleMode(sender.getRemoteReceiverSettleMode());
        sender.setProperties(Map.of());
        sender.creditStateUpdateHandler(s -> link.flush());
        sender.closeHandler(s -> detach(link, true));
        sender.detachHandler(s -> detach(link, false));
        sender.open();
        links.add(link);
    }

    private void detach(ReplyLink link, boolean close) {
        links.remove(link);
        if (!link.sender.isLocallyClosedOrDetached()) {
            if (close) {
                link.sender.close();
            } else {
                link.sender.detach();
            }
        }
    }

    /** Forgets the links of a session or connection that ended. */
    void forget(Session session) {
        links.removeIf(l -> session == null || l.sender.getSession() == session);
    }

    /** Sends a response to the link the routing rule picks; drops it (with a log line) when there is none. */
    void reply(Session session, String node, String replyTo, byte[] response) {
        ReplyLink target = find(session, node, replyTo);
        if (target == null) {
            LOG.debug("No reply link for a {} response (reply-to {}); dropped", node, replyTo);
            return;
        }
        target.send(response);
    }

    private ReplyLink find(Session session, String node, String replyTo) {
        if (replyTo != null) {
            for (int i = links.size() - 1; i >= 0; i--) {
                ReplyLink l = links.get(i);
                if (l.sender.getRemoteTarget() instanceof Target t && replyTo.equals(t.getAddress())) {
                    return l;
                }
            }
            for (int i = links.size() - 1; i >= 0; i--) {
                if (replyTo.equals(links.get(i).sender.getName())) {
                    return links.get(i);
                }
            }
        }
        for (int i = links.size() - 1; i >= 0; i--) {
            ReplyLink l = links.get(i);
            if (l.node.equals(node) && l.sender.getSession() == session) {
                return l;
            }
        }
        return null;
    }

    /** One reply link and the responses waiting for its credit. */
    private static final class ReplyLink {
        final Sender sender;
        final String node;
        final LinkWriter writer;
        final Deque<byte[]> pending = new ArrayDeque<>();

        ReplyLink(Sender sender, String node) {
            this.sender = sender;
            this.node = node;
            this.writer = new LinkWriter(sender);
        }

        void send(byte[] response) {
            if (pending.size() >= MAX_PENDING) {
                LOG.warn("Reply link {} has {} unread responses; dropping one", sender.getName(), pending.size());
                return;
            }
            pending.add(response);
            flush();
        }

        void flush() {
            while (writer.resume() && !pending.isEmpty() && writer.ready()) {
                writer.send(null, true, pending.poll(), null);
            }
        }
    }
}
