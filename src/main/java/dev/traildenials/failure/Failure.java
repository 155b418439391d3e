package dev.traildenials.failure;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * An error a user can act on, with its {@link Kind} and the settings it is about. Its message names
 * each setting the way the caller knows it: {@link #getMessage} as the data source's option ({@code
 * option 'slrPeriod'}), {@link #messageNaming} as the caller chooses (the command line writes
 * {@code --slr-period}).
 */
public class Failure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What went wrong, and so what the user does about it. */
  public enum Kind {
    /** The command, a setting or the SQL is wrong: fix it; nothing was read or written. */
    USER_INPUT,
    /** A log file could not be read as CloudTrail wrote it, in a strict read. */
    BAD_DATA,
    /**
     * The storage or a delivery endpoint could not be used now (unreachable, refused, or another
     * run holds the output's lock): re-running later may succeed.
     */
    STORAGE,
    /** Something this project got wrong: report it. */
    INTERNAL,
    /** The run was stopped on purpose (Ctrl-C, SIGTERM): run it again. */
    INTERRUPTED
  }

  private final Kind kind;
  private final List<String> settings;
  private final String template;

  protected Failure(Kind kind, String template, List<String> settings, Throwable cause) {
    super(render(template, settings, Failure::optionName), cause);
    this.kind = kind;
    this.template = template;
    this.settings = List.copyOf(settings);
  }

  /**
   * A mistake in what the user asked for.
   *
   * @param template the message, with {@code {slrPeriod}} where the setting {@code slrPeriod} is
   *     named
   * @param settings the settings the message is about, as the data source's options name them
   */
  public static Failure userInput(String template, String... settings) {
    return new Failure(Kind.USER_INPUT, template, Arrays.asList(settings), null);
  }

  public static Failure userInput(Throwable cause, String template, String... settings) {
    return new Failure(Kind.USER_INPUT, template, Arrays.asList(settings), cause);
  }

  public static Failure badData(String message) {
    return new Failure(Kind.BAD_DATA, message, List.of(), null);
  }

  public static Failure storage(String message, Throwable cause) {
    return new Failure(Kind.STORAGE, message, List.of(), cause);
  }

  public static Failure internal(String message) {
    return new Failure(Kind.INTERNAL, message, List.of(), null);
  }

  public static Failure internal(String message, Throwable cause) {
    return new Failure(Kind.INTERNAL, message, List.of(), cause);
  }

  public static Failure interrupted(String message, Throwable cause) {
    return new Failure(Kind.INTERRUPTED, message, List.of(), cause);
  }

  public Kind kind() {
    return kind;
  }

  /** The message with each setting named by {@code name} (given the data source's option name). */
  public String messageNaming(UnaryOperator<String> name) {
    return render(template, settings, name);
  }

  /** How the data source names an option in a message. */
  private static String optionName(String setting) {
    return "option '" + setting + "'";
  }

  /** The command-line flag of a setting: {@code slrPeriod} is {@code --slr-period}. */
  public static String flagName(String setting) {
    return "--" + setting.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  private static String render(String template, List<String> settings, UnaryOperator<String> name) {
    String message = template;
    for (String setting : settings) {
      message = message.replace("{" + setting + "}", name.apply(setting));
    }
    return message;
  }
}
