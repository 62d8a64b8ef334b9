package dev.firstcome.backend.rush;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The worker JVMs a lab rush may host its strategy in ({@code firstcome.lab.workers.*}). A record of the
 * rush's own, next to the lab's settings, so that neither module reaches into the other.
 *
 * @param startTimeout how long a worker JVM may take to start answering
 * @param maxHeap the worker JVMs' {@code -Xmx}
 * @param jvmOptions more options for the worker JVMs, blank-separated (tests: {@code
 *     -XX:TieredStopAtLevel=1} for a faster start on a busy machine)
 */
@Validated
@ConfigurationProperties("firstcome.lab.workers")
record LabWorkerProperties(
        @DefaultValue("180s") Duration startTimeout,
        @DefaultValue("384m") String maxHeap,
        @DefaultValue("") String jvmOptions) {}
