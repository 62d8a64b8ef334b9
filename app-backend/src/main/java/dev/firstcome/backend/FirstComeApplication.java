package dev.firstcome.backend;

import dev.firstcome.backend.infra.FirstComeProperties;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The backend's Spring configuration root; the console embeds the same application. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(FirstComeProperties.class)
public class FirstComeApplication {}
