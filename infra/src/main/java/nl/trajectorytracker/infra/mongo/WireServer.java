package nl.trajectorytracker.infra.mongo;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.wire.MongoDatabaseHandler;
import de.bwaldvogel.mongo.wire.MongoExceptionHandler;
import de.bwaldvogel.mongo.wire.MongoWireMessageEncoder;
import de.bwaldvogel.mongo.wire.MongoWireProtocolHandler;
import de.bwaldvogel.mongo.wire.MongoWireReplyEncoder;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * mongo-java-server's wire protocol on a thread per connection, as mongod serves its connections. The stock
 * {@code MongoServer} answers a connection's commands on the network thread it shares with other connections, so a
 * long read held up every connection on that thread, the driver's monitor among them: its heartbeat timed out and
 * the driver paused its pool. Here the network threads only read and write bytes; the commands of a connection run on
 * a thread of its own, which ends with the connection.
 */
final class WireServer implements AutoCloseable {

    private final EventLoopGroup acceptor;
    private final EventLoopGroup network;
    private final ChannelGroup clients = new DefaultChannelGroup("embedded-mongo-clients",
            GlobalEventExecutor.INSTANCE);
    private final Set<EventExecutor> connections = ConcurrentHashMap.newKeySet();
    private final Channel listening;

    private WireServer(EventLoopGroup acceptor, EventLoopGroup network, MongoBackend backend, String host, int port) {
        this.acceptor = acceptor;
        this.network = network;
        ThreadFactory connectionThreads = daemonThreads("embedded-mongo-connection-");
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, network)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 100)
                .childOption(ChannelOption.TCP_NODELAY, Boolean.TRUE)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        DefaultEventExecutor commands = new DefaultEventExecutor(connectionThreads);
                        connections.add(commands);
                        channel.closeFuture().addListener(closed -> commands.shutdownGracefully(0, 1,
                                TimeUnit.SECONDS).addListener(ended -> connections.remove(commands)));
                        channel.pipeline().addLast(new MongoWireReplyEncoder());
                        channel.pipeline().addLast(new MongoWireMessageEncoder());
                        channel.pipeline().addLast(new MongoWireProtocolHandler());
                        channel.pipeline().addLast(commands, new MongoDatabaseHandler(backend, clients));
                        channel.pipeline().addLast(commands, new MongoExceptionHandler());
                    }
                });
        this.listening = bootstrap.bind(host, port).syncUninterruptibly().channel();
    }

    /** Listens on {@code host:port} (0 for any free port). */
    static WireServer listen(MongoBackend backend, String host, int port) {
        EventLoopGroup acceptor = new MultiThreadIoEventLoopGroup(1, daemonThreads("embedded-mongo-accept-"),
                NioIoHandler.newFactory());
        EventLoopGroup network = new MultiThreadIoEventLoopGroup(0, daemonThreads("embedded-mongo-network-"),
                NioIoHandler.newFactory());
        try {
            return new WireServer(acceptor, network, backend, host, port);
        } catch (RuntimeException e) {
            acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            network.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listening.localAddress();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicLong counter = new AtomicLong();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops listening, closes every connection, and waits for the commands in progress to end. */
    @Override
    public void close() {
        listening.close().syncUninterruptibly();
        clients.close().syncUninterruptibly();
        for (EventExecutor connection : List.copyOf(connections)) {
            connection.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            connection.terminationFuture().awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
        acceptor.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        network.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
