package dev.probes.autoconfigure;

import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

import dev.probes.check.Durations;
import dev.probes.check.InvalidPropertyException;
import dev.probes.shutdown.ReadinessDrain;

/**
 * {@link EnableAutoConfiguration Auto-configuration} that drains traffic on shutdown:
 * readiness turns 503 at once and requests are served for
 * {@code probes.shutdown.drain-delay} before Spring's graceful shutdown proceeds.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "probes.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ProbesProperties.class)
public final class ProbesShutdownAutoConfiguration {

	private static final String DRAIN_DELAY = "probes.shutdown.drain-delay";

	@Bean
	@ConditionalOnMissingBean
	ReadinessDrain probesReadinessDrain(ApplicationEventPublisher publisher, ProbesProperties properties) {
		return new ReadinessDrain(publisher, drainDelay(properties.getShutdown()));
	}

	private static Duration drainDelay(ProbesProperties.Shutdown shutdown) {
		Duration delay = shutdown.getDrainDelay();
		if (delay.isNegative()) {
			throw new InvalidPropertyException(DRAIN_DELAY, Durations.format(delay) + " is a negative duration",
					"Set '" + DRAIN_DELAY + "' to 0s (no drain) or a positive duration such as 10s.");
		}
		return delay;
	}

}
