package dev.traildenials.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.sample.SampleArchive;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.TestArchives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A --param value is bound as a value: text built to break out of a string literal, comment out the
 * rest of the query or start another statement matches nothing and changes nothing; the same value
 * stored in the data matches exactly itself.
 */
class HostileParameterTest {

  private static final List<String> HOSTILE =
      List.of(
          "x' OR '1'='1",
          "x') OR true --",
          "x'; DROP TABLE cloudtrail; --",
          "x\\' OR 1=1 /*",
          "arn:aws:iam::111111111111:user/\u00e9l\u00e8ve\u202e' --");

  @TempDir static Path temporary;
  static Path archive;
  static String knownArn;

  @BeforeAll
  static void writeArchive() throws Exception {
    archive = temporary.resolve("archive");
    new SampleArchive(TestArchives.smallFixture(1)).write(archive);
    Path csv = temporary.resolve("arns.csv");
    Cli.Result arns =
        Cli.queryToCsv(
            archive.toString(),
            csv,
            "-e",
            "SELECT useridentity.arn AS arn, count(*) AS n FROM cloudtrail"
                + " WHERE useridentity.arn IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1");
    assertThat(arns.exitCode()).as(arns.err()).isZero();
    knownArn = Files.readAllLines(csv).get(1).split(",")[0];
  }

  @Test
  void hostileValuesMatchNothingAndBreakNothing() throws Exception {
    for (String value : HOSTILE) {
      assertThat(countFor(value)).as(value).isZero();
    }
  }

  @Test
  void aRealIdentityStillMatchesExactly() throws Exception {
    assertThat(countFor(knownArn)).isPositive();
    assertThat(countFor(knownArn + "' OR '1'='1")).isZero();
  }

  private static long countFor(String identity) throws Exception {
    Path csv = temporary.resolve("count.csv");
    Cli.Result result =
        Cli.queryToCsv(
            archive.toString(),
            csv,
            "--param",
            "identity_arn=" + identity,
            "-e",
            "SELECT count(*) AS n FROM cloudtrail WHERE useridentity.arn = :identity_arn");
    assertThat(result.exitCode()).as(identity + ": " + result.err()).isZero();
    return Long.parseLong(Files.readAllLines(csv).get(1));
  }
}
