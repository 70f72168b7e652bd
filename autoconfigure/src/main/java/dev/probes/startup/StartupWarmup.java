package dev.probes.startup;

import java.lang.management.ManagementFactory;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * While the start-up wait waits, does on a background thread the slow first-time work of
 * what is held, without touching any dependency: it configures a throwaway Flyway that
 * has no database (so that the held migration finds Flyway's classes and plugins loaded),
 * and starts the platform MBean server when Tomcat's metrics will use it.
 */
final class StartupWarmup implements Runnable {

	private static final Log logger = LogFactory.getLog(StartupWarmup.class);

	private static final String FLYWAY = "org.flywaydb.core.Flyway";

	private static final String TOMCAT_METRICS = "io.micrometer.core.instrument.binder.tomcat.TomcatMetrics";

	private static final String TOMCAT = "org.apache.catalina.startup.Tomcat";

	private final @Nullable ClassLoader classLoader;

	private StartupWarmup(@Nullable ClassLoader classLoader) {
		this.classLoader = (classLoader != null) ? classLoader : ClassUtils.getDefaultClassLoader();
	}

	static void start(@Nullable ClassLoader classLoader) {
		Thread thread = new Thread(new StartupWarmup(classLoader), "probes-startup-warmup");
		thread.setDaemon(true);
		thread.setPriority(Thread.MIN_PRIORITY);
		thread.start();
	}

	@Override
	public void run() {
		try {
			if (ClassUtils.isPresent(FLYWAY, this.classLoader)) {
				Class<?> flyway = ClassUtils.forName(FLYWAY, this.classLoader);
				Object configuration = flyway.getMethod("configure", ClassLoader.class).invoke(null, this.classLoader);
				configuration.getClass().getMethod("load").invoke(configuration);
			}
			if (ClassUtils.isPresent(TOMCAT_METRICS, this.classLoader)
					&& ClassUtils.isPresent(TOMCAT, this.classLoader)) {
				ManagementFactory.getPlatformMBeanServer();
			}
		}
		catch (Exception | LinkageError ex) {
			// Only a head start: what it warms up does its work again when it runs.
			logger.debug("start-up warm-up stopped: " + ex);
		}
	}

}
