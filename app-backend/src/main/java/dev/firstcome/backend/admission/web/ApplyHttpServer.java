package dev.firstcome.backend.admission.web;

import dev.firstcome.backend.admission.AdmissionApi;
import dev.firstcome.backend.admission.EntryGate;
import dev.firstcome.backend.admission.web.ApplyAnswers.Answer;
import dev.firstcome.backend.infra.FirstComeProperties;
import dev.firstcome.backend.infra.ServerListening;
import dev.firstcome.backend.infra.web.ConnectionLimits;
import dev.firstcome.backend.infra.web.HttpProtocolRules;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * The apply server: {@code POST /api/events/{eventId}/apply} on a port of its own, answered by a small
 * non-blocking HTTP/1.1 server (Netty). No thread waits: the request is parsed on
 * the event loop, the Lua script runs on Lettuce's connection, and the Kafka acknowledgement writes the
 * answer. Same contract, byte for byte, as the endpoint on the main port ({@link ApplyAnswers}); every
 * other path answers 404 naming the main port.
 *
 * <p>Keep-alive and pipelined requests are answered in order, one at a time per connection; a client
 * that half-closes (shuts down its sending side after its requests) gets every answer, then the
 * connection is closed. Stopping
 * (graceful shutdown, after admission stopped admitting) closes the listening socket, waits for the
 * applies in flight to be answered (bounded), then closes the connections.
 */
final class ApplyHttpServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ApplyHttpServer.class);
    static final int DEFAULT_PORT = 8081;
    private static final long DRAIN_MILLIS = 10_000;

    private final AdmissionApi admission;
    private final ApplyAnswers answers;
    private final FirstComeProperties.ApplyServer settings;
    private final ApplicationEventPublisher events;
    private final ConnectionLimits limits;
    private final ApplyConnections slots;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Set while stopping: completed when the last apply in flight was answered. */
    private volatile CompletableFuture<Void> drained;

    private volatile EventLoopGroup group;
    private volatile Channel listener;
    private volatile ChannelGroup connections;
    private volatile int boundPort = -1;

    ApplyHttpServer(
            AdmissionApi admission,
            ApplyAnswers answers,
            FirstComeProperties.ApplyServer settings,
            ConnectionLimits limits,
            ApplicationEventPublisher events) {
        this.admission = admission;
        this.answers = answers;
        this.settings = settings;
        this.limits = limits;
        this.slots = new ApplyConnections(limits.applyMax());
        this.events = events;
    }

    /** Its connection slots (for the metrics). */
    ApplyConnections connections() {
        return slots;
    }

    /** The port it listens on; -1 before the first start. */
    int port() {
        return boundPort;
    }

    @Override
    public synchronized void start() {
        if (listener != null) {
            return;
        }
        int threads = settings.threads() > 0
                ? settings.threads()
                : Runtime.getRuntime().availableProcessors();
        group = new MultiThreadIoEventLoopGroup(
                threads, new DefaultThreadFactory("firstcome-apply", true), NioIoHandler.newFactory());
        connections = new DefaultChannelGroup("apply-connections", GlobalEventExecutor.INSTANCE);
        var bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // a client that sends its request and then shuts down its side (shutdown(SHUT_WR)) still
                // gets its answer: the connection stays open for writing until the answers are out
                .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        ApplyConnections.Slot slot = slots.admit(channel);
                        if (slot == null) {
                            return;
                        }
                        connections.add(channel);
                        var deadlines = new RequestDeadlines(
                                limits.headerTimeout(), limits.bodyTimeout(), settings.idleTimeout(), slots);
                        channel.pipeline()
                                .addLast(deadlines.bytes())
                                .addLast(new HttpServerCodec(
                                        HttpProtocolRules.MAX_HEADER_BYTES, HttpProtocolRules.MAX_HEADER_BYTES, 8192))
                                .addLast(deadlines.messages())
                                .addLast(new BoundedAggregator())
                                .addLast(new ApplyHandler(slot, deadlines));
                    }
                });
        try {
            listener = bind(bootstrap);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            group = null;
            throw e;
        }
        boundPort = ((InetSocketAddress) listener.localAddress()).getPort();
        log.info(
                "Apply server listening on http://{}:{}/api/events/{eventId}/apply ({} event loop(s))",
                settings.address(),
                boundPort,
                threads);
        events.publishEvent(new ServerListening(ServerListening.APPLY, boundPort));
    }

    private Channel bind(ServerBootstrap bootstrap) {
        int port = boundPort >= 0 ? boundPort : settings.port() != null ? settings.port() : DEFAULT_PORT;
        try {
            return bootstrap
                    .bind(settings.address(), port)
                    .syncUninterruptibly()
                    .channel();
        } catch (Exception e) { // Netty rethrows the checked BindException undeclared
            if (settings.port() == null && boundPort < 0 && isBindFailure(e)) {
                log.info("Port {} is taken: the apply server will listen on a free port", port);
                return bootstrap
                        .bind(settings.address(), 0)
                        .syncUninterruptibly()
                        .channel();
            }
            throw new IllegalStateException("The apply server cannot listen on " + settings.address() + ":" + port, e);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void stop() {
        Channel current = listener;
        if (current == null) {
            return;
        }
        current.close().syncUninterruptibly();
        var done = new CompletableFuture<Void>();
        drained = done;
        if (inFlight.get() == 0) {
            done.complete(null);
        }
        try {
            done.get(DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            log.warn("Apply server: {} apply(s) still in flight after {} ms", inFlight.get(), DRAIN_MILLIS);
        }
        drained = null;
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        listener = null;
        group = null;
        log.info("Apply server stopped ({} apply(s) unanswered)", inFlight.get());
    }

    /** One apply in flight fewer; the last one while stopping lets {@link #stop} go on. */
    private void answered() {
        if (inFlight.decrementAndGet() == 0) {
            CompletableFuture<Void> waiting = drained;
            if (waiting != null) {
                waiting.complete(null);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return listener != null;
    }

    /** After admission stopped admitting (it stops first), before the main web server's graceful shutdown ends. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }

    /** Bodies above {@link ApplyAnswers#MAX_BODY} get the same 400 naming {@code body} as on the main port. */
    private final class BoundedAggregator extends HttpObjectAggregator {
        BoundedAggregator() {
            super(ApplyAnswers.MAX_BODY);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            String uri = oversized instanceof io.netty.handler.codec.http.HttpRequest request
                    ? ApplyProtocolRules.pathOf(request.uri())
                    : "/";
            Answer answer = answers.of(ApplyAnswers.tooLarge(), uri);
            ctx.writeAndFlush(ApplyProtocolRules.response(answer, false)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** One per connection: answers its requests in order, one at a time. */
    private final class ApplyHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

        private final ArrayDeque<FullHttpRequest> queued = new ArrayDeque<>();
        private final ApplyConnections.Slot slot;
        private final RequestDeadlines deadlines;
        private boolean busy;
        /** The client shut down its side: answer what was read, then close. */
        private boolean inputShutdown;

        ApplyHandler(ApplyConnections.Slot slot, RequestDeadlines deadlines) {
            this.slot = slot;
            this.deadlines = deadlines;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            request.retain();
            if (busy) {
                queued.add(request);
            } else {
                process(ctx, request);
            }
        }

        private void process(ChannelHandlerContext ctx, FullHttpRequest request) {
            busy = true;
            slot.answering = true;
            inFlight.incrementAndGet();
            boolean keepAlive =
                    HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
            CompletableFuture<Answer> answer;
            try {
                answer = answer(ctx, request);
            } finally {
                request.release();
            }
            answer.whenComplete((done, failure) -> answerOnLoop(ctx, () -> {
                Answer written = done != null ? done : answers.of(failure, "/");
                boolean last = inputShutdown && queued.isEmpty();
                var future = ctx.writeAndFlush(ApplyProtocolRules.response(written, keepAlive && !last));
                if (!keepAlive || last) {
                    future.addListener(ChannelFutureListener.CLOSE);
                }
                answered();
                busy = false;
                FullHttpRequest next = queued.poll();
                if (next != null && ctx.channel().isActive()) {
                    process(ctx, next);
                    return;
                } else if (next != null) {
                    next.release();
                }
                slot.answering = false;
                deadlines.answered();
            }));
        }

        /** Writes on the connection's event loop; when the loop is already gone (stopped) only counts the apply as done. */
        private void answerOnLoop(ChannelHandlerContext ctx, Runnable write) {
            try {
                ctx.executor().execute(write);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                answered();
            }
        }

        private CompletableFuture<Answer> answer(ChannelHandlerContext ctx, FullHttpRequest request) {
            String path = ApplyProtocolRules.pathOf(request.uri());
            if (!request.decoderResult().isSuccess()) {
                return CompletableFuture.completedFuture(answers.notHttp(path));
            }
            Answer broken = ApplyProtocolRules.check(request, path, answers);
            if (broken != null) {
                return CompletableFuture.completedFuture(broken);
            }
            String id = ApplyAnswers.eventIdOf(path);
            if (id == null) {
                return CompletableFuture.completedFuture(answers.notOnApplyServer(path));
            }
            if (!HttpMethod.POST.equals(request.method())) {
                return CompletableFuture.completedFuture(
                        answers.methodNotAllowed(request.method().name(), path));
            }
            try {
                long eventId = ApplyAnswers.parseEventId(id);
                Answer unsupported =
                        answers.unsupportedMediaType(request.headers().get(HttpHeaderNames.CONTENT_TYPE), path);
                if (unsupported != null) {
                    return CompletableFuture.completedFuture(unsupported);
                }
                String userId = answers.userId(
                        ByteBufUtil.getBytes(request.content()),
                        request.headers().get(HttpHeaderNames.AUTHORIZATION));
                Answer refused = answers.gate(eventId, userId, request.headers().get(EntryGate.HEADER), path);
                if (refused != null) {
                    return CompletableFuture.completedFuture(refused);
                }
                String client = ctx.channel().remoteAddress() instanceof InetSocketAddress remote
                        ? remote.getAddress().getHostAddress()
                        : "unknown";
                return answers.throttle(eventId, client, userId, path)
                        .thenCompose(limited -> limited != null
                                ? CompletableFuture.completedFuture(limited)
                                : admission
                                        .applyAsync(eventId, userId)
                                        .handle((result, failure) -> failure == null
                                                ? answers.of(result, path)
                                                : answers.of(failure, path)));
            } catch (RuntimeException e) {
                return CompletableFuture.completedFuture(answers.of(e, path));
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof ChannelInputShutdownEvent) {
                // the decoder has passed on every complete request before this event
                inputShutdown = true;
                if (!busy) {
                    ctx.close();
                }
            } else {
                super.userEventTriggered(ctx, event);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            FullHttpRequest next;
            while ((next = queued.poll()) != null) {
                next.release();
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("apply connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
