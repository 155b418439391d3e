package dev.traildenials.cli;

import dev.traildenials.failure.Failure;
import dev.traildenials.store.TableFormat;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How option values become typed settings. A value that does not convert is a usage error: the
 * command stops before it reads or writes anything, naming the option and what it expects.
 */
final class OptionTypes {

  private OptionTypes() {}

  /** Registers the converters every command's options of these types use. */
  static void register(CommandLine commandLine) {
    commandLine.registerConverter(Duration.class, new IsoDuration());
  }

  /** An ISO 8601 duration: P1D, PT6H, PT30S. */
  static final class IsoDuration implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Duration.parse(value.strip());
      } catch (DateTimeParseException e) {
        throw new TypeConversionException(
            "'" + value + "' is not an ISO 8601 duration such as P1D or PT6H");
      }
    }
  }

  /** A table format by name, in any case. */
  static final class Format implements ITypeConverter<TableFormat> {
    @Override
    public TableFormat convert(String value) {
      try {
        return TableFormat.parse(value);
      } catch (Failure e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
