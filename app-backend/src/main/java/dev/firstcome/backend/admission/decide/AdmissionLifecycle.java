package dev.firstcome.backend.admission.decide;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Graceful shutdown, first step: stop admitting (applies answer 503) and flush the producer before the
 * web server drains and the Kafka listeners finish and commit their batch.
 */
@Component
class AdmissionLifecycle implements SmartLifecycle {

    private final ApplyPipeline admission;
    private volatile boolean running;

    AdmissionLifecycle(ApplyPipeline admission) {
        this.admission = admission;
    }

    /** Also called when a stopped context is started again (e.g. a paused test context is reused). */
    @Override
    public void start() {
        admission.resumeAdmitting();
        running = true;
    }

    @Override
    public void stop() {
        admission.stopAdmitting();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
