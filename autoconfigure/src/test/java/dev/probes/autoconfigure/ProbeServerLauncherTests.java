package dev.probes.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.core.ResolvableType;
import org.springframework.web.context.support.ServletRequestHandledEvent;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeServerLauncherTests {

	private final ProbeServerLauncher launcher = new ProbeServerLauncher();

	@Test
	void supportsStartupEventsOnly() {
		assertThat(supports(ApplicationEnvironmentPreparedEvent.class)).isTrue();
		assertThat(supports(ApplicationPreparedEvent.class)).isTrue();
		assertThat(supports(ApplicationFailedEvent.class)).isTrue();
		assertThat(supports(ApplicationReadyEvent.class)).isFalse();
		assertThat(supports(ApplicationStartedEvent.class)).isFalse();
		// Published for every request served, probes included.
		assertThat(supports(ServletRequestHandledEvent.class)).isFalse();
	}

	private boolean supports(Class<?> eventType) {
		return this.launcher.supportsEventType(ResolvableType.forClass(eventType));
	}

}
