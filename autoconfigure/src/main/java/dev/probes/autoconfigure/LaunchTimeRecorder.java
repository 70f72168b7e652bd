package dev.probes.autoconfigure;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

import dev.probes.startup.LaunchTime;

/**
 * Records when the application was launched, for the start-up wait's deadline: the JVM's
 * start for the first application that the JVM runs (a pod's), the application's own
 * start for any later one, such as a test's or a devtools restart's, whose JVM started
 * long before.
 */
class LaunchTimeRecorder implements GenericApplicationListener {

	static final String BEAN_NAME = "probesLaunchTime";

	/**
	 * Whether an application has started in this JVM (this class loader, in practice)
	 * before.
	 */
	private static final AtomicBoolean applicationStarted = new AtomicBoolean();

	private static final List<Class<?>> EVENT_TYPES = List.of(ApplicationStartingEvent.class,
			ApplicationPreparedEvent.class);

	private @Nullable LaunchTime launch;

	@Override
	public boolean supportsEventType(ResolvableType eventType) {
		return EVENT_TYPES.stream().anyMatch((type) -> type.isAssignableFrom(eventType.toClass()));
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationStartingEvent) {
			this.launch = applicationStarted.compareAndSet(false, true) ? LaunchTime.jvmStart()
					: LaunchTime.now("the application's start");
		}
		else if (event instanceof ApplicationPreparedEvent prepared && this.launch != null
				&& !prepared.getApplicationContext().getBeanFactory().containsSingleton(BEAN_NAME)) {
			prepared.getApplicationContext().getBeanFactory().registerSingleton(BEAN_NAME, this.launch);
		}
	}

}
