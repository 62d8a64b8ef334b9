package dev.firstcome.backend.infra.web;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.Request;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's NIO HTTP/1.1 protocol with a bound on how long a request's line and headers may take to arrive.
 * Tomcat's own {@code connectionTimeout} is a read timeout that restarts on every byte, so a client sending a
 * header one byte every few seconds keeps its connection (and a slot of {@code maxConnections}) forever. Every
 * {@link #SWEEP_MILLIS} this protocol looks at the connections whose request is still being parsed (a
 * processor parked on the socket between reads, not an async request) and closes, through Tomcat's own error path, those whose first
 * byte came more than {@code headerTimeout} ago. Bodies are bounded by {@link RequestBodyDeadlineFilter}.
 *
 * <p>Public with a no-argument constructor: Tomcat instantiates the protocol of a connector by class name.
 */
public class SlowHeaderGuardProtocol extends Http11NioProtocol {

    static final long SWEEP_MILLIS = 250;
    private static final Logger log = LoggerFactory.getLogger(SlowHeaderGuardProtocol.class);

    private volatile long headerTimeoutNanos = TimeUnit.SECONDS.toNanos(10);
    private final LongAdder timedOut = new LongAdder();
    private volatile ScheduledFuture<?> sweeper;

    public void setHeaderTimeoutMillis(long millis) {
        this.headerTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Connections closed because their headers did not arrive in time, since start. */
    public long headerTimeouts() {
        return timedOut.sum();
    }

    /** Connections the port holds now (accepted and not yet closed). */
    public long openConnections() {
        return getEndpoint().getConnectionCount();
    }

    @Override
    public void start() throws Exception {
        super.start();
        sweeper = getUtilityExecutor()
                .scheduleWithFixedDelay(this::sweep, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws Exception {
        ScheduledFuture<?> current = sweeper;
        if (current != null) {
            current.cancel(false);
            sweeper = null;
        }
        super.stop();
    }

    private void sweep() {
        try {
            sweepOnce();
        } catch (RuntimeException e) {
            // never let one failure stop the sweeps (a scheduled task that throws is not run again)
            log.warn("Slow header sweep failed", e);
        }
    }

    private void sweepOnce() {
        long now = System.nanoTime();
        for (SocketWrapperBase<?> connection : getEndpoint().getConnections()) {
            if (connection.getCurrentProcessor() instanceof AbstractProcessor parked
                    && !parked.isAsync()
                    && tooSlow(parked.getRequest(), now)
                    && !connection.isClosed()) {
                timedOut.increment();
                // what Tomcat's poller does on a read timeout: the processor sees ERROR and closes the socket
                connection.processSocket(SocketEvent.ERROR, true);
            }
        }
    }

    /**
     * A processor stays on its socket between reads only while it waits for the rest of a request's line and
     * headers (or for an async request, excluded above); its request's start is the request's first byte.
     */
    private boolean tooSlow(Request request, long now) {
        long started = request.getStartTimeNanos();
        return started > 0 && now - started > headerTimeoutNanos;
    }
}
