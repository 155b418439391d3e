package dev.traildenials.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.traildenials.failure.Failure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample's denials as data: every template drawn, and a new one taking only its own share. */
class DenialTemplatesTest {

  private static final int DRAWS = 42_000;
  private static final DenialTemplates.Template EXTRA =
      new DenialTemplates.Template(
          "pipeline-get-secret-explicit-resource-policy",
          "pipeline",
          "secretsmanager.amazonaws.com",
          "GetSecretValue",
          "AccessDeniedException",
          "User: {principal} is not authorized to perform: secretsmanager:GetSecretValue on"
              + " resource: arn:aws:secretsmanager:us-east-1:{account}:secret:db with an explicit"
              + " deny in a resource-based policy",
          null,
          null,
          false);

  @TempDir Path temporary;

  @Test
  void everyBuiltInTemplateIsDrawnAboutAsOftenAsTheOthers() {
    DenialTemplates templates = DenialTemplates.builtIn();
    Map<String, Integer> drawn = new HashMap<>();
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < DRAWS; i++) {
      drawn.merge(templates.draw(random.nextLong()).name(), 1, Integer::sum);
    }
    int count = templates.all().size();
    assertThat(drawn).hasSize(count);
    double fair = DRAWS / (double) count;
    assertThat(drawn.values())
        .allSatisfy(n -> assertThat(n).isBetween((int) (fair * 0.8), (int) (fair * 1.2)));
  }

  @Test
  void aNewTemplateTakesOnlyTheDrawsItWins() {
    DenialTemplates before = DenialTemplates.builtIn();
    DenialTemplates after = withExtra(before);
    SplittableRandom random = new SplittableRandom(11);
    int moved = 0;
    for (int i = 0; i < DRAWS; i++) {
      long draw = random.nextLong();
      String was = before.draw(draw).name();
      String is = after.draw(draw).name();
      if (!was.equals(is)) {
        assertThat(is).as("a draw that changed template").isEqualTo(EXTRA.name());
        moved++;
      }
    }
    double share = moved / (double) DRAWS;
    double fair = 1.0 / after.all().size();
    assertThat(share).isBetween(fair * 0.8, fair * 1.2);
  }

  @Test
  void aNewTemplateLeavesEveryOtherRecordOfTheArchiveAsItWas() throws IOException {
    SampleSettings demo = SampleSettings.demo();
    Path before = temporary.resolve("before");
    Path after = temporary.resolve("after");
    new SampleArchive(demo, DenialTemplates.builtIn()).write(before);
    new SampleArchive(demo, withExtra(DenialTemplates.builtIn())).write(after);

    Map<Path, List<JsonNode>> beforeRecords = records(before);
    Map<Path, List<JsonNode>> afterRecords = records(after);
    assertThat(afterRecords.keySet()).as("log files, by path").isEqualTo(beforeRecords.keySet());
    int same = 0;
    int taken = 0;
    for (Map.Entry<Path, List<JsonNode>> file : beforeRecords.entrySet()) {
      List<JsonNode> was = file.getValue();
      List<JsonNode> is = afterRecords.get(file.getKey());
      assertThat(is).as("records of %s", file.getKey()).hasSameSizeAs(was);
      for (int i = 0; i < was.size(); i++) {
        if (was.get(i).equals(is.get(i))) {
          same++;
        } else {
          assertThat(is.get(i).path("eventName").asText())
              .as("record %d of %s, changed", i, file.getKey())
              .isEqualTo(EXTRA.eventName());
          assertThat(was.get(i).path("errorCode").isMissingNode())
              .as("the record it replaced was a denial too")
              .isFalse();
          taken++;
        }
      }
    }
    assertThat(taken).as("records the new template took").isPositive();
    assertThat(taken).as("records it took, against those left as they were").isLessThan(same / 50);
  }

  @Test
  void aBrokenTemplateIsRefusedWithWhatIsWrong() {
    List<DenialTemplates.Template> builtIn = DenialTemplates.builtIn().all();
    List<DenialTemplates.Template> twice = new ArrayList<>(builtIn);
    twice.add(builtIn.get(0));
    assertThatThrownBy(() -> new DenialTemplates(twice))
        .isInstanceOf(Failure.class)
        .hasMessageContaining("named '" + builtIn.get(0).name() + "'");
    assertThatThrownBy(() -> new DenialTemplates(List.of(withPrincipal(EXTRA, "bob"))))
        .hasMessageContaining("caller 'bob'");
    assertThatThrownBy(
            () -> new DenialTemplates(List.of(withMessage(EXTRA, "on {bucket} by {who}"))))
        .hasMessageContaining("uses {who}");
    assertThatThrownBy(() -> new DenialTemplates(List.of())).hasMessageContaining("empty");
  }

  @Test
  void theResourceNamesOnlyCallersAndPlaceholdersTheFactoryKnows() throws IOException {
    try (InputStream in = DenialTemplates.class.getResourceAsStream("denial-templates.json")) {
      JsonNode templates = new ObjectMapper().readTree(in).path("templates");
      assertThat(templates.size()).isEqualTo(DenialTemplates.builtIn().all().size());
    }
    assertThat(
            DenialTemplates.fill(
                "{principal} on {bucket}", Map.of("principal", "p", "bucket", "b")))
        .isEqualTo("p on b");
  }

  private static DenialTemplates withExtra(DenialTemplates templates) {
    List<DenialTemplates.Template> more = new ArrayList<>(templates.all());
    more.add(EXTRA);
    return new DenialTemplates(more);
  }

  private static DenialTemplates.Template withPrincipal(DenialTemplates.Template t, String who) {
    return new DenialTemplates.Template(
        t.name(),
        who,
        t.eventSource(),
        t.eventName(),
        t.errorCode(),
        t.errorMessage(),
        t.resourceArn(),
        t.resourceType(),
        t.encoded());
  }

  private static DenialTemplates.Template withMessage(DenialTemplates.Template t, String message) {
    return new DenialTemplates.Template(
        t.name(),
        t.principal(),
        t.eventSource(),
        t.eventName(),
        t.errorCode(),
        message,
        t.resourceArn(),
        t.resourceType(),
        t.encoded());
  }

  /** Every log file's records, read straight from the gzip files. */
  private static Map<Path, List<JsonNode>> records(Path root) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<Path, List<JsonNode>> byFile = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file :
          files
              .filter(
                  f -> f.toString().endsWith(".json.gz") && f.toString().contains("/CloudTrail/"))
              .toList()) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
          List<JsonNode> records = new ArrayList<>();
          json.readTree(in).path("Records").forEach(records::add);
          byFile.put(root.relativize(file), records);
        }
      }
    }
    return byFile;
  }
}
