package dev.firstcome.backend.monitor;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@link RepairProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RepairProperties.class)
class RepairConfiguration {}
