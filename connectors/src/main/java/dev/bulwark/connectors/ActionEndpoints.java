package dev.bulwark.connectors;

import dev.bulwark.core.action.ActionType;
import java.util.Locale;
import org.apache.camel.Message;

/** The Camel endpoint each action is sent to; a provider's route group consumes from it. */
public final class ActionEndpoints {

  /**
   * Set on a message that asks the route whether the request was already carried out rather than to
   * carry it out; the route answers an {@code ActionResult} or no body.
   */
  public static final String LOOKUP = "BulwarkLookup";

  private ActionEndpoints() {}

  /** Whether the message is a lookup rather than an action. */
  public static boolean isLookup(Message message) {
    return Boolean.TRUE.equals(message.getHeader(LOOKUP, Boolean.class));
  }

  /** e.g. {@code direct:action-disable-account}. */
  public static String of(ActionType type) {
    return "direct:action-" + type.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
