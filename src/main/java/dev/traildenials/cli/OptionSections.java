package dev.traildenials.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The option list of every command's help, under headings: input, filters, output, alerts, tuning,
 * and the general options last. The options stay where they are declared (shared by commands
 * through mixins); only the help arranges them. An option's heading comes from its long name; a
 * note that depends on the command (whether --archive is required, what --from means) is added as
 * its last line.
 */
final class OptionSections {

  /** The headings, in the order the help shows them. */
  enum Section {
    INPUT("Input"),
    FILTERS("Filters"),
    CONTENTS("What to write"),
    OUTPUT("Output"),
    ALERTS("Alerts"),
    TUNING("Tuning"),
    GENERAL("General");

    final String heading;

    Section(String heading) {
      this.heading = heading;
    }
  }

  /** The section of each option by long name, in the order the help lists them. */
  private static final Map<String, Section> SECTIONS = new LinkedHashMap<>();

  static {
    for (String name :
        List.of("--archive", "--sql", "-e", "--param", "--tables", "--catalog-database")) {
      SECTIONS.put(name, Section.INPUT);
    }
    for (String name :
        List.of(
            "--from",
            "--to",
            "--look-back",
            "--as-of",
            "--account",
            "--region",
            "--identity",
            "--event-source",
            "--error-code",
            "--denial-codes")) {
      SECTIONS.put(name, Section.FILTERS);
    }
    for (String name :
        List.of(
            "--first-day",
            "--days",
            "--files-per-hour",
            "--records-per-file",
            "--seed",
            "--messy",
            "--realistic")) {
      SECTIONS.put(name, Section.CONTENTS);
    }
    for (String name :
        List.of(
            "--out",
            "--format",
            "--csv",
            "--max-rows",
            "--report-rows",
            "--idle-days",
            "--redact",
            "--redaction-key-file")) {
      SECTIONS.put(name, Section.OUTPUT);
    }
    for (String name :
        List.of(
            "--slr-filter",
            "--slr-period",
            "--slr-threshold",
            "--watch-identity",
            "--webhook-url",
            "--sns-topic",
            "--sns-endpoint",
            "--fail-on-alarm")) {
      SECTIONS.put(name, Section.ALERTS);
    }
    for (String name :
        List.of(
            "--max-delivery-delay",
            "--file-time-margin",
            "--strict",
            "--listing-parallelism",
            "--progress-interval",
            "--conf")) {
      SECTIONS.put(name, Section.TUNING);
    }
    for (String name : List.of("--help", "--version", "--verbose")) {
      SECTIONS.put(name, Section.GENERAL);
    }
  }

  /** Lines that depend on the command an option is shown for, by "command option". */
  private static final Map<String, String> NOTES =
      Map.of(
          "query --archive",
          "Required unless --tables or --catalog-database is given.",
          "report --archive",
          "Required.",
          "nightly --archive",
          "Required.",
          "query --from",
          "Default: none, the whole archive from its first event.",
          "query --to",
          "Default: none, the whole archive up to its last event.",
          "report --from",
          "Default: none, the whole archive from its first event.",
          "report --to",
          "Default: none, the whole archive up to its last event.",
          "nightly --from",
          "Default: none, the --look-back window up to --as-of; with --from the run backfills"
              + " the day folders from --from to --to.",
          "nightly --to",
          "Default: none, up to the last day folder; needs --from.");

  private OptionSections() {}

  /** Puts the sectioned option list into the help of the command and of all its subcommands. */
  static void install(CommandLine commandLine) {
    commandLine
        .getHelpSectionMap()
        .put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, OptionSections::render);
    for (CommandLine subcommand : commandLine.getSubcommands().values()) {
      install(subcommand);
    }
  }

  /** The section an option of a command is listed under. */
  static Section section(OptionSpec option) {
    return SECTIONS.getOrDefault(option.longestName(), Section.GENERAL);
  }

  /** Whether the option has a heading of its own, rather than falling into "General". */
  static boolean known(OptionSpec option) {
    return SECTIONS.containsKey(option.longestName());
  }

  private static String render(Help help) {
    List<OptionSpec> options = new ArrayList<>();
    for (OptionSpec option : help.commandSpec().options()) {
      if (!option.hidden()) {
        options.add(option);
      }
    }
    List<String> order = new ArrayList<>(SECTIONS.keySet());
    options.sort(
        java.util.Comparator.comparingInt(
            option ->
                order.contains(option.longestName())
                    ? order.indexOf(option.longestName())
                    : order.size()));
    if (options.isEmpty()) {
      return "";
    }
    String command = help.commandSpec().name();
    StringBuilder text = new StringBuilder();
    for (Section section : Section.values()) {
      Help.Layout base = help.createDefaultLayout(options, List.of(), help.colorScheme());
      Help.IOptionRenderer renderer = base.optionRenderer();
      Help.Layout layout =
          new Help.Layout(
              help.colorScheme(),
              base.textTable(),
              (option, labels, scheme) ->
                  withNote(command, option, renderer.render(option, labels, scheme), scheme),
              base.parameterRenderer());
      boolean any = false;
      for (OptionSpec option : options) {
        if (section(option) == section) {
          layout.addOption(option, help.parameterLabelRenderer());
          any = true;
        }
      }
      if (any) {
        text.append(String.format("%n%s:%n", section.heading)).append(layout);
      }
    }
    return text.toString();
  }

  /** The option's rows with "Required." and the command's note for it as lines of their own. */
  private static Text[][] withNote(
      String command, OptionSpec option, Text[][] rows, Help.ColorScheme scheme) {
    List<String> notes = new ArrayList<>();
    if (option.group() != null
        && option.group().exclusive()
        && option.group().multiplicity().min() > 0) {
      List<String> names = new ArrayList<>();
      for (OptionSpec member : option.group().options()) {
        names.add(member.longestName());
      }
      notes.add("Required: one of " + String.join(", ", names) + ".");
    } else if (option.required()) {
      notes.add("Required.");
    }
    String note = NOTES.get(command + " " + option.longestName());
    if (note != null) {
      notes.add(note);
    }
    if (notes.isEmpty() || rows.length == 0) {
      return rows;
    }
    int columns = rows[0].length;
    Text[][] more = new Text[rows.length + notes.size()][];
    System.arraycopy(rows, 0, more, 0, rows.length);
    for (int i = 0; i < notes.size(); i++) {
      Text[] row = new Text[columns];
      for (int column = 0; column < columns - 1; column++) {
        row[column] = scheme.text("");
      }
      // Indented as picocli indents the "Default:" line under a description.
      row[columns - 1] = scheme.text("  " + notes.get(i));
      more[rows.length + i] = row;
    }
    return more;
  }
}
