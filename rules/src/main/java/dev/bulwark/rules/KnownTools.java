package dev.bulwark.rules;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Software and hardware that let someone else drive a computer: remote-control tools and IP-KVM
 * devices. Rules match on them by name; the lists are a starting point (see the threat brief).
 */
public final class KnownTools {

  /** Process names (lower case, without {@code .exe}) of remote-control tools. */
  public static final Set<String> REMOTE_CONTROL_PROCESSES =
      Set.of(
          "anydesk",
          "teamviewer",
          "teamviewer_service",
          "tv_w32",
          "tv_x64",
          "remoting_host", // Chrome Remote Desktop
          "remoting_desktop",
          "rustdesk",
          "anyviewer",
          "rcclient", // AnyViewer's client
          "jumpconnect",
          "jumpclient",
          "splashtop",
          "srservice", // Splashtop streamer
          "screenconnect.clientservice",
          "connectwisecontrol.client",
          "logmein",
          "lmiguardiansvc",
          "ammyy_admin",
          "supremo",
          "supremoservice",
          "dwrcs", // DameWare
          "zohoassist",
          "winvnc",
          "tvnserver",
          "vncserver",
          "x11vnc",
          "parsecd");

  /** Words of a USB device's manufacturer or model that mark it as an IP-KVM. */
  public static final List<String> IP_KVM_WORDS =
      List.of(
          "pikvm",
          "tinypilot",
          "jetkvm",
          "blikvm",
          "nanokvm",
          "glkvm",
          "comet kvm",
          "ip-kvm",
          "ipkvm",
          "lantronix spider",
          "raritan dominion",
          "aten kn");

  private KnownTools() {}

  /** Whether the process name (with or without {@code .exe}, any case) is a remote-control tool. */
  public static boolean isRemoteControlTool(String processName) {
    if (processName == null) {
      return false;
    }
    String name = processName.strip().toLowerCase(Locale.ROOT);
    if (name.endsWith(".exe")) {
      name = name.substring(0, name.length() - 4);
    }
    return REMOTE_CONTROL_PROCESSES.contains(name);
  }

  /** Whether the device's manufacturer or model names an IP-KVM. */
  public static boolean isIpKvm(String manufacturer, String model) {
    String text =
        ((manufacturer == null ? "" : manufacturer) + " " + (model == null ? "" : model))
            .toLowerCase(Locale.ROOT);
    return IP_KVM_WORDS.stream().anyMatch(text::contains);
  }

  /** How many distinct values there are among {@code values} and {@code one}. */
  public static int distinctWith(java.util.Collection<?> values, Object one) {
    java.util.Set<Object> all = new java.util.HashSet<>(values);
    all.add(one);
    return all.size();
  }
}
