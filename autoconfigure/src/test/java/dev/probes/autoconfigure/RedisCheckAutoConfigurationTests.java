package dev.probes.autoconfigure;

import java.io.IOException;
import java.util.List;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.probes.autoconfigure.check.RedisCheckFactory;
import dev.probes.check.RedisCheck;
import dev.probes.test.RealServices;

/**
 * {@link AbstractMessagingCheckAutoConfigurationTests Auto-configuration tests} of the
 * {@code redis} type, with Spring Boot's Redis auto-configuration and a real Redis
 * server.
 */
class RedisCheckAutoConfigurationTests extends AbstractMessagingCheckAutoConfigurationTests {

	RedisCheckAutoConfigurationTests() {
		super("redis", DataRedisAutoConfiguration.class, RedisCheck.class, RedisCheckFactory.class,
				RedisConnectionFactory.class, TwoConnectionFactories.class, UserFactory.class);
	}

	@Override
	protected List<String> clientProperties(int port) {
		return List.of("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + port);
	}

	@Override
	protected int serverPort() {
		return RealServices.redis().port();
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoConnectionFactories {

		@Bean
		@Primary
		LettuceConnectionFactory sessions() throws IOException {
			return new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", closedPort()));
		}

		@Bean
		LettuceConnectionFactory cache() {
			RealServices.Server redis = RealServices.redis();
			return new LettuceConnectionFactory(new RedisStandaloneConfiguration(redis.host(), redis.port()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserFactory {

		@Bean
		RedisCheckFactory userCheckFactory() {
			return new RedisCheckFactory(new DefaultListableBeanFactory(), null);
		}

	}

}
