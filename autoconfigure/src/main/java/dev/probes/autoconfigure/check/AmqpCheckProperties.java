package dev.probes.autoconfigure.check;

/**
 * Keys of an {@code amqp} dependency: {@code connection-factory} or {@code url}.
 */
public class AmqpCheckProperties extends ConnectionFactorySettings {

}
