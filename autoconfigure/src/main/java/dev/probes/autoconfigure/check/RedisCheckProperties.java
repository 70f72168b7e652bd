package dev.probes.autoconfigure.check;

/**
 * Keys of a {@code redis} dependency: {@code connection-factory} or {@code url}.
 */
public class RedisCheckProperties extends ConnectionFactorySettings {

}
