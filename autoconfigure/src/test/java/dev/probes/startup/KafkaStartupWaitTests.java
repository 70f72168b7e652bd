package dev.probes.startup;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.probes.test.KafkaBroker;
import dev.probes.test.MessagingApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The start-up wait for a {@code kafka} dependency whose application logs in with a wrong
 * SASL password, against a real broker that checks it: retrying will not mend it, so the
 * wait ends at once, with the broker's reason, naming where the credentials are set, and
 * without the password.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaStartupWaitTests {

	private static final String WRONG_PASSWORD = "wr0ng-pa55word";

	@Test
	void failsAtOnceWhenApplicationsSaslPasswordIsWrongWithoutShowingIt(CapturedOutput output) {
		KafkaBroker broker = KafkaBroker.shared();
		SpringApplicationBuilder application = new SpringApplicationBuilder(MessagingApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.kafka.bootstrap-servers=" + broker.saslBootstrapServers(),
					"spring.kafka.security.protocol=SASL_PLAINTEXT", "spring.kafka.properties.sasl.mechanism=PLAIN",
					"spring.kafka.properties.sasl.jaas.config="
							+ KafkaBroker.plainLogin(KafkaBroker.USER, WRONG_PASSWORD),
					"probes.dependencies.events.type=kafka", "probes.startup.wait=true", "probes.startup.timeout=60s",
					"management.health.redis.enabled=false", "management.health.rabbit.enabled=false");
		long started = System.nanoTime();
		// The wait ended on the permanent failure, not at its deadline.
		assertThatException().isThrownBy(application::run)
			.havingRootCause()
			.isInstanceOf(DependencyFailedException.class);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
		System.out.printf("MEASURED start-up wrong kafka SASL password: start-up (the context's own included) failed"
				+ " after %dms (deadline 60s)%n", elapsed.toMillis());
		assertThat(elapsed).isLessThan(Duration.ofSeconds(30));
		assertThat(output.toString())
			.contains("Critical dependency 'events' failed with an error that retrying will not mend",
					"Authentication failed", "'spring.kafka.properties.sasl.jaas.config'")
			.doesNotContain(WRONG_PASSWORD);
	}

}
