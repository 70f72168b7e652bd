package dev.probes.shutdown;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

import dev.probes.check.Durations;

/**
 * Takes the application out of rotation before it stops serving: on shutdown, readiness
 * turns 503 at once, then requests are still served for the drain delay, and only then do
 * the lifecycles that stop serving (Spring's graceful shutdown of the web server) run.
 *
 * <p>
 * Stopped first of all lifecycles, so that nothing the application's requests need has
 * stopped while it drains. The web server contexts publish the same readiness change when
 * they close; publishing it here covers applications without one (the probe port).
 */
public final class ReadinessDrain implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(ReadinessDrain.class);

	private final ApplicationEventPublisher publisher;

	private final Duration delay;

	private volatile boolean running;

	/**
	 * Create a drain.
	 * @param publisher where the readiness change is published
	 * @param delay how long to keep serving once readiness has turned 503; zero for no
	 * wait
	 */
	public ReadinessDrain(ApplicationEventPublisher publisher, Duration delay) {
		this.publisher = publisher;
		this.delay = delay;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		if (this.delay.isZero()) {
			return;
		}
		logger
			.info("Draining: /readyz answers 503 while requests are still served for " + Durations.format(this.delay));
		long started = System.nanoTime();
		try {
			Thread.sleep(this.delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		logger.info("Drained after " + Durations.format(Duration.ofNanos(System.nanoTime() - started))
				+ "; shutdown proceeds");
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stopped before every other lifecycle, the web server's graceful shutdown
		// included.
		return Integer.MAX_VALUE;
	}

}
