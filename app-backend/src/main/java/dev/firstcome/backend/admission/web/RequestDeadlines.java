package dev.firstcome.backend.admission.web;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One apply connection's deadlines, whatever trickles in: the first request's line and headers within the
 * header timeout of the accept, each later request's within it of its first byte, a body within the body
 * timeout of its headers, and an idle connection (its answers written, nothing of a next request received)
 * closed after the keep-alive timeout. Unlike an idle timer, no byte moves a deadline. A connection past one
 * is reset. Two handlers share the state: {@link #bytes()} before the HTTP codec (sees the first byte of a
 * request), {@link #messages()} after it (sees the end of the headers and of the body). One check per
 * connection runs on its event loop every {@code tick}; the apply path itself only writes two fields.
 */
final class RequestDeadlines {

    enum Phase {
        HEADERS,
        BODY,
        ANSWERING,
        IDLE
    }

    private final long headerNanos;
    private final long bodyNanos;
    private final long idleNanos;
    private final long tickNanos;
    private final ApplyConnections connections;

    /** Touched on the connection's event loop only. */
    private Phase phase = Phase.HEADERS;

    private long deadline;
    private ScheduledFuture<?> check;

    RequestDeadlines(Duration header, Duration body, Duration idle, ApplyConnections connections) {
        this.headerNanos = header.toNanos();
        this.bodyNanos = body.toNanos();
        this.idleNanos = idle.toNanos();
        this.tickNanos = Math.max(
                TimeUnit.MILLISECONDS.toNanos(50),
                Math.min(TimeUnit.SECONDS.toNanos(1), Math.min(headerNanos, bodyNanos) / 4));
        this.connections = connections;
    }

    /** Goes before the HTTP codec. */
    ChannelDuplexHandler bytes() {
        return new ChannelDuplexHandler() {
            @Override
            public void channelActive(ChannelHandlerContext ctx) throws Exception {
                enter(Phase.HEADERS, headerNanos);
                check = ctx.executor()
                        .scheduleAtFixedRate(() -> expire(ctx), tickNanos, tickNanos, TimeUnit.NANOSECONDS);
                super.channelActive(ctx);
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (phase == Phase.IDLE && msg instanceof ByteBuf bytes && bytes.isReadable()) {
                    enter(Phase.HEADERS, headerNanos);
                }
                super.channelRead(ctx, msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                ScheduledFuture<?> current = check;
                if (current != null) {
                    current.cancel(false);
                }
                super.channelInactive(ctx);
            }
        };
    }

    /** Goes after the HTTP codec, before the aggregator. */
    ChannelInboundHandlerAdapter messages() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
                if (msg instanceof HttpRequest) {
                    enter(Phase.BODY, bodyNanos);
                }
                if (msg instanceof LastHttpContent) {
                    phase = Phase.ANSWERING;
                }
                super.channelRead(ctx, msg);
            }
        };
    }

    /** Called on the event loop when the last answer owed was written: the keep-alive wait begins. */
    void answered() {
        if (phase == Phase.ANSWERING) {
            enter(Phase.IDLE, idleNanos);
        }
    }

    private void enter(Phase next, long within) {
        phase = next;
        deadline = System.nanoTime() + within;
    }

    private void expire(ChannelHandlerContext ctx) {
        if (phase != Phase.ANSWERING
                && System.nanoTime() - deadline > 0
                && ctx.channel().isActive()) {
            if (phase != Phase.IDLE) {
                connections.timedOut();
            }
            ApplyConnections.reset(ctx.channel());
        }
    }
}
