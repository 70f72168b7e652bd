package dev.probes.autoconfigure;

import java.time.Clock;

import javax.sql.DataSource;

import com.rabbitmq.client.Channel;
import org.apache.kafka.clients.admin.Admin;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.probes.autoconfigure.check.AmqpCheckFactory;
import dev.probes.autoconfigure.check.DnsCheckFactory;
import dev.probes.autoconfigure.check.HealthCheckFactory;
import dev.probes.autoconfigure.check.HttpCheckFactory;
import dev.probes.autoconfigure.check.JdbcCheckFactory;
import dev.probes.autoconfigure.check.KafkaCheckFactory;
import dev.probes.autoconfigure.check.KubernetesEndpointsCheckFactory;
import dev.probes.autoconfigure.check.RedisCheckFactory;
import dev.probes.autoconfigure.check.TcpCheckFactory;
import dev.probes.check.DependencyCheckFactory;
import dev.probes.engine.CheckScheduler;
import dev.probes.engine.StateListener;
import dev.probes.engine.TransitionLogger;

/**
 * {@link EnableAutoConfiguration Auto-configuration} for dependency checks declared under
 * {@code probes.dependencies}: one check per dependency, run in the background from the
 * moment the context starts.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnBooleanProperty(name = "probes.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ProbesProperties.class)
public final class DependencyChecksAutoConfiguration {

	/** A scheduler of the user's own makes the checks: the declarations are not read. */
	@Bean
	@ConditionalOnMissingBean(CheckScheduler.class)
	DeclaredDependencies probesDeclaredDependencies(ProbesProperties properties, Environment environment,
			ObjectProvider<DependencyCheckFactory<?>> factories) {
		return DeclaredDependencies.bind(properties, environment, factories.orderedStream().toList());
	}

	@Bean(initMethod = "start", destroyMethod = "close")
	@ConditionalOnMissingBean
	CheckScheduler probesCheckScheduler(ProbesProperties properties, DeclaredDependencies dependencies,
			ObjectProvider<StateListener> listeners) {
		DependencyMonitors monitors = new DependencyMonitors(listeners.orderedStream().toList(), Clock.systemUTC());
		return new CheckScheduler(monitors.create(dependencies, properties));
	}

	@Bean
	@ConditionalOnMissingBean
	TransitionLogger probesTransitionLogger() {
		return new TransitionLogger();
	}

	@Bean
	@ConditionalOnMissingBean
	TcpCheckFactory probesTcpCheckFactory() {
		return new TcpCheckFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	HttpCheckFactory probesHttpCheckFactory() {
		return new HttpCheckFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	DnsCheckFactory probesDnsCheckFactory() {
		return new DnsCheckFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	HealthCheckFactory probesHealthCheckFactory() {
		return new HealthCheckFactory();
	}

	@Bean
	@ConditionalOnMissingBean
	KubernetesEndpointsCheckFactory probesKubernetesEndpointsCheckFactory() {
		return new KubernetesEndpointsCheckFactory();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(DataSource.class)
	static class JdbcCheckConfiguration {

		@Bean
		@ConditionalOnMissingBean
		JdbcCheckFactory probesJdbcCheckFactory(ConfigurableListableBeanFactory beanFactory) {
			return new JdbcCheckFactory(beanFactory, beanFactory.getBeanClassLoader());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisConnectionFactory.class)
	static class RedisCheckConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RedisCheckFactory probesRedisCheckFactory(ConfigurableListableBeanFactory beanFactory) {
			return new RedisCheckFactory(beanFactory, beanFactory.getBeanClassLoader());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ConnectionFactory.class, Channel.class })
	static class AmqpCheckConfiguration {

		@Bean
		@ConditionalOnMissingBean
		AmqpCheckFactory probesAmqpCheckFactory(ConfigurableListableBeanFactory beanFactory) {
			return new AmqpCheckFactory(beanFactory);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Admin.class)
	static class KafkaCheckConfiguration {

		@Bean
		@ConditionalOnMissingBean
		KafkaCheckFactory probesKafkaCheckFactory(ConfigurableListableBeanFactory beanFactory,
				Environment environment) {
			return new KafkaCheckFactory(beanFactory, environment, beanFactory.getBeanClassLoader());
		}

	}

}
