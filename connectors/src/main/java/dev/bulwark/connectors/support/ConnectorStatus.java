package dev.bulwark.connectors.support;

/**
 * What the health check shows about one provider.
 *
 * @param circuit CLOSED, OPEN or HALF_OPEN
 * @param available false while the circuit refuses calls
 * @param lastFailure the message of the last failure (never contains a credential), or null
 */
public record ConnectorStatus(
    String provider, String circuit, boolean available, String lastFailure) {}
