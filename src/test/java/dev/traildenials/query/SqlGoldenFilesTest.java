package dev.traildenials.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.traildenials.sample.SampleArchive;
import dev.traildenials.sample.SampleSettings;
import dev.traildenials.sql.SqlQuery;
import dev.traildenials.testing.Cli;
import dev.traildenials.testing.TestArchives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins the output of every file in {@code sql/} on a small generated archive. The expected CSV
 * files live in {@code src/test/resources/golden/}; after a deliberate change, regenerate them with
 * {@code mvn test -Dtest=SqlGoldenFilesTest -Dgolden.update=true} and review the diff.
 */
class SqlGoldenFilesTest {

  private static final SampleSettings FIXTURE = TestArchives.smallFixture(1);
  private static final String IDENTITY = "arn:aws:iam::111111111111:user/alice";

  @TempDir static Path temporary;
  static Path archive;

  @BeforeAll
  static void writeFixture() throws Exception {
    archive = temporary.resolve("fixture");
    new SampleArchive(FIXTURE).write(archive);
  }

  @TestFactory
  Stream<DynamicTest> everyShippedQueryMatchesItsGoldenFile() throws Exception {
    Path sqlFolder = TestArchives.projectDirectory().resolve("sql");
    List<Path> files;
    try (Stream<Path> listing = Files.list(sqlFolder)) {
      files = listing.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    return files.stream()
        .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
  }

  private static void check(Path sqlFile) throws Exception {
    String name = sqlFile.getFileName().toString().replaceFirst("\\.sql$", "");
    Path actual = temporary.resolve(name + ".csv");
    List<String> arguments =
        new ArrayList<>(
            List.of(
                "query",
                "--archive",
                archive.toString(),
                "--from",
                "2024-03-01",
                "--to",
                "2024-03-02",
                "--sql",
                sqlFile.toString(),
                "--csv",
                actual.toString()));
    if (SqlQuery.load(sqlFile).parameterNames().contains("identity_arn")) {
      arguments.addAll(List.of("--param", "identity_arn=" + IDENTITY));
    }
    Cli.Result result = Cli.run(arguments.toArray(String[]::new));
    assertThat(result.exitCode()).as(result.err()).isZero();

    Path golden =
        TestArchives.projectDirectory().resolve("src/test/resources/golden/" + name + ".csv");
    if (Boolean.getBoolean("golden.update")) {
      Files.copy(actual, golden, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(golden)
        .as("golden file of sql/%s.sql (regenerate with -Dgolden.update=true)", name)
        .exists();
    String output = Files.readString(actual);
    assertThat(output.lines().count()).as("%s returns rows on the fixture", name).isGreaterThan(1);
    assertThat(output).isEqualTo(Files.readString(golden));
  }
}
