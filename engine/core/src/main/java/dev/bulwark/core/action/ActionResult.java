package dev.bulwark.core.action;

/**
 * What a provider reports back.
 *
 * @param repeated true when the action had been performed before and was not performed again
 */
public record ActionResult(ActionStatus status, String provider, String detail, boolean repeated) {}
