package dev.bulwark.connectors;

import dev.bulwark.core.action.ActionType;
import java.util.Locale;

/** The Camel endpoint each action is sent to; a provider's route group consumes from it. */
public final class ActionEndpoints {

  private ActionEndpoints() {}

  /** e.g. {@code direct:action-disable-account}. */
  public static String of(ActionType type) {
    return "direct:action-" + type.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
