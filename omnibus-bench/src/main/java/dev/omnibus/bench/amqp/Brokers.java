package dev.omnibus.bench.amqp;

import dev.omnibus.core.QueueDescription;
import dev.omnibus.server.OmnibusServer;
import dev.omnibus.server.ServerOptions;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.io.aio.AIOSequentialFileFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptor;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.qpid.protonj2.client.ConnectionOptions;

/** The two brokers of {@link BrokerVsArtemis}, each started in this JVM on loopback with durable storage on disk. */
final class Brokers {
    static final String QUEUE = "bench";

    private Brokers() {
    }

    /** A broker under test that can be stopped. */
    interface Running extends AmqpLoad.Target, AutoCloseable {
        /** How it stores messages, for the report. */
        String storage();

        @Override
        void close() throws Exception;
    }

    /**
     * Omnibus as the server runs it ({@link OmnibusServer}: the composition root with the embedded RocksDB store,
     * journal fsync before every acknowledgement), with a queue of the Service Bus defaults. Clients log in with SASL
     * PLAIN and the namespace key, which authorizes the whole namespace without a {@code $cbs} token.
     */
    static Running omnibus(Path dataDir) {
        ServerOptions options = ServerOptions.defaults().withHost("127.0.0.1").withPorts(0, 0).withDataDir(dataDir);
        OmnibusServer server = OmnibusServer.start(options);
        try {
            server.broker().namespace().createQueue(QueueDescription.builder(QUEUE).build()).join();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return new Running() {
            @Override
            public String name() {
                return "omnibus";
            }

            @Override
            public String storage() {
                return "embedded store (RocksDB, journal fsync per group commit) in " + dataDir;
            }

            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return server.amqpPort();
            }

            @Override
            public ConnectionOptions connectionOptions() {
                ConnectionOptions o = new ConnectionOptions().user(options.sasKeyName()).password(options.sasKey());
                o.saslOptions().addAllowedMechanism("PLAIN");
                return o;
            }

            @Override
            public String address() {
                return QUEUE;
            }

            @Override
            public long queueDepth() {
                return server.broker().namespace().queueRuntimeInfo(QUEUE).join().activeMessageCount();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }

    /**
     * Apache ActiveMQ Artemis embedded, persistence on, journal on disk (libaio when the machine has it, NIO
     * otherwise), journal sync for transactional and non-transactional writes on (the defaults, set explicitly),
     * an AMQP acceptor on a random loopback port, and one durable anycast queue. Security off, so clients use SASL
     * ANONYMOUS.
     */
    static Running artemis(Path dataDir) throws Exception {
        boolean aio = AIOSequentialFileFactory.isSupported(dataDir.toFile());
        Configuration config = new ConfigurationImpl()
                .setName("artemis-bench")
                .setPersistenceEnabled(true)
                .setJournalType(aio ? JournalType.ASYNCIO : JournalType.NIO)
                .setJournalSyncTransactional(true)
                .setJournalSyncNonTransactional(true)
                .setJournalDatasync(true)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large-messages").toString())
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("amqp", "tcp://127.0.0.1:0?protocols=AMQP")
                .addQueueConfiguration(QueueConfiguration.of(QUEUE).setAddress(QUEUE)
                        .setRoutingType(RoutingType.ANYCAST).setDurable(true));
        EmbeddedActiveMQ artemis = new EmbeddedActiveMQ().setConfiguration(config);
        artemis.start();
        int port = ((NettyAcceptor) artemis.getActiveMQServer().getRemotingService().getAcceptor("amqp"))
                .getActualPort();
        return new Running() {
            @Override
            public String name() {
                return "artemis";
            }

            @Override
            public String storage() {
                return "journal (" + (aio ? "ASYNCIO" : "NIO") + ", sync on) in " + dataDir;
            }

            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public ConnectionOptions connectionOptions() {
                return new ConnectionOptions();
            }

            @Override
            public String address() {
                return QUEUE;
            }

            @Override
            public long queueDepth() {
                Queue queue = artemis.getActiveMQServer().locateQueue(QUEUE);
                return queue.getMessageCount() + queue.getDeliveringCount();
            }

            @Override
            public void close() throws Exception {
                artemis.stop();
            }
        };
    }
}
