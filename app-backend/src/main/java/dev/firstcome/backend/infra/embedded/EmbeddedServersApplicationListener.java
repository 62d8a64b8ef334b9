package dev.firstcome.backend.infra.embedded;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Ties the embedded servers' lease to the application context: the lease is released when the
 * context is destroyed (after the Kafka listeners stopped and committed and the producer flushed),
 * or at once if the application fails to start, so the broker's non-daemon threads never keep a
 * failed JVM alive.
 */
public class EmbeddedServersApplicationListener implements ApplicationListener<ApplicationEvent> {

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationPreparedEvent prepared) {
            var lease = EmbeddedServersEnvironmentPostProcessor.leaseOf(prepared.getSpringApplication());
            if (lease != null) {
                if (prepared.getApplicationContext() instanceof GenericApplicationContext context) {
                    // a bean (not a plain singleton) so that destroy() runs; created first, destroyed last
                    context.registerBean(
                            "firstcomeEmbeddedServersLease", LeaseHolder.class, () -> new LeaseHolder(lease));
                } else {
                    prepared.getApplicationContext().addApplicationListener(closed -> {
                        if (closed instanceof org.springframework.context.event.ContextClosedEvent) {
                            lease.release();
                        }
                    });
                }
            }
        } else if (event instanceof ApplicationFailedEvent failed) {
            var lease = EmbeddedServersEnvironmentPostProcessor.leaseOf(failed.getSpringApplication());
            if (lease != null) {
                lease.releaseAfterFailure();
            }
        }
    }

    /** Releases the lease when the context destroys its beans. */
    static final class LeaseHolder implements DisposableBean {
        private final EmbeddedServersEnvironmentPostProcessor.Lease lease;

        LeaseHolder(EmbeddedServersEnvironmentPostProcessor.Lease lease) {
            this.lease = lease;
        }

        @Override
        public void destroy() {
            lease.release();
        }
    }
}
