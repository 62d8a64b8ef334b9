package dev.firstcome.backend.admission.web;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The apply server's connection slots: at most {@code max} connections. A connection accepted at the cap
 * takes the slot of the oldest connection that has no request being answered (idle between requests, or
 * still sending its headers or body: what a flood holds), which is reset (RST, its descriptor freed at
 * once); when every slot has a request being answered the new connection is reset instead. A customer
 * arriving during a flood of idle or trickling sockets is therefore served, and the process never holds
 * more than {@code max} client sockets on this port.
 */
final class ApplyConnections {

    private final int max;
    /** In the order they were accepted; guarded by {@code this}. */
    private final LinkedHashMap<Channel, Slot> open = new LinkedHashMap<>();

    private final LongAdder refused = new LongAdder();
    private final LongAdder evicted = new LongAdder();
    private final LongAdder timedOut = new LongAdder();

    ApplyConnections(int max) {
        this.max = max;
    }

    /** One connection's slot: {@code answering} while a complete request of it is being answered. */
    static final class Slot {
        volatile boolean answering;
    }

    /** A slot for a new connection, or null when it was refused (and closed). */
    Slot admit(Channel channel) {
        Slot slot = new Slot();
        Channel victim = null;
        synchronized (this) {
            if (open.size() >= max) {
                victim = oldestIdle();
                if (victim == null) {
                    refused.increment();
                    reset(channel);
                    return null;
                }
            }
            open.put(channel, slot);
        }
        if (victim != null) {
            evicted.increment();
            reset(victim);
        }
        channel.closeFuture().addListener(closed -> release(channel));
        return slot;
    }

    /** Removes and returns the oldest connection not being answered; null when all are. */
    private Channel oldestIdle() {
        for (Iterator<Map.Entry<Channel, Slot>> it = open.entrySet().iterator(); it.hasNext(); ) {
            var entry = it.next();
            if (!entry.getValue().answering) {
                it.remove();
                return entry.getKey();
            }
        }
        return null;
    }

    private synchronized void release(Channel channel) {
        open.remove(channel);
    }

    /** A connection closed because its request did not arrive in time. */
    void timedOut() {
        timedOut.increment();
    }

    synchronized int open() {
        return open.size();
    }

    int max() {
        return max;
    }

    long refused() {
        return refused.sum();
    }

    long evicted() {
        return evicted.sum();
    }

    long timedOutCount() {
        return timedOut.sum();
    }

    /** Closes with SO_LINGER 0: an RST, nothing kept in TIME_WAIT, no buffered answer flushed. */
    static void reset(Channel channel) {
        try {
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
        } catch (RuntimeException alreadyClosed) {
            // closing it is all that is left to do
        }
        channel.close();
    }
}
