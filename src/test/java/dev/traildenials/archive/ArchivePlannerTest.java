package dev.traildenials.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.traildenials.failure.Failure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArchivePlannerTest {

  private static final String ROOT = "s3a://trail-bucket/prefix";
  private static final Instant NOW = Instant.parse("2024-04-01T00:00:00Z");

  private static String log(
      String accountFolder, String account, String region, String day, String time) {
    return ROOT
        + "/AWSLogs/"
        + accountFolder
        + "/CloudTrail/"
        + region
        + "/"
        + day
        + "/"
        + account
        + "_CloudTrail_"
        + region
        + "_"
        + time
        + "_AbCdEf0123456789.json.gz";
  }

  /** Two standalone accounts and an organization trail, 30 days, two regions each. */
  private static InMemoryArchiveStore thirtyDayArchive() {
    InMemoryArchiveStore store = new InMemoryArchiveStore();
    List<String> accountFolders =
        List.of("111111111111", "222222222222", "o-abcdefghij/333333333333");
    for (String folder : accountFolders) {
      String account = folder.substring(folder.length() - 12);
      for (String region : List.of("us-east-1", "eu-west-1")) {
        for (int day = 1; day <= 30; day++) {
          String dayPath = String.format("2024/03/%02d", day);
          store.add(
              log(folder, account, region, dayPath, String.format("202403%02dT1205Z", day)), 1000);
        }
        store.add(
            ROOT
                + "/AWSLogs/"
                + folder
                + "/CloudTrail-Digest/"
                + region
                + "/2024/03/01/"
                + account
                + "_CloudTrail-Digest_"
                + region
                + "_t_"
                + region
                + "_20240301T010000Z.json.gz",
            10);
      }
    }
    store.add(ROOT + "/AWSLogs/111111111111/CloudTrail/us-east-1/2024/03/02/notes.txt", 5);
    store.add(
        ROOT
            + "/AWSLogs/111111111111/CloudTrail/us-east-1/2024/03/02/111111111111_CloudTrail-Digest_us-east-1_x.json.gz",
        5);
    store.add(ROOT + "/AWSLogs/111111111111/CloudTrail/us-east-1/loose.json.gz", 5);
    store.add(ROOT + "/AWSLogs/not-an-account/file", 5);
    return store;
  }

  private static ArchivePlan plan(InMemoryArchiveStore store, ArchiveRequest request)
      throws Exception {
    return new ArchivePlanner(store, 4, NOW).plan(request);
  }

  @Test
  void planningTheWholeArchiveFindsEveryLogFileAndReportsTheRest() throws Exception {
    InMemoryArchiveStore store = thirtyDayArchive();
    ArchivePlan plan = plan(store, ArchiveRequest.everything(ROOT));

    assertThat(plan.files()).hasSize(3 * 2 * 30);
    assertThat(plan.files()).allMatch(file -> !file.path().contains("Digest"));
    assertThat(plan.files())
        .extracting(LogFile::account)
        .containsOnly("111111111111", "222222222222", "333333333333");
    assertThat(plan.skipped())
        .extracting(SkippedPath::reason)
        .anyMatch(reason -> reason.contains("not a CloudTrail log file name"))
        .anyMatch(reason -> reason.contains("digest file"))
        .anyMatch(reason -> reason.contains("not in a YYYY/MM/DD day folder"))
        .anyMatch(reason -> reason.contains("not an account or organization folder"));
    // Digest folders are never listed.
    assertThat(store.listings).noneMatch(folder -> folder.contains("CloudTrail-Digest"));
  }

  @Test
  void aOneDayRangeListsOnlyTheDayFoldersThatCanHoldItsEvents() throws Exception {
    InMemoryArchiveStore store = thirtyDayArchive();
    ArchiveRequest oneDay =
        new ArchiveRequest(
            ROOT,
            Instant.parse("2024-03-10T00:00:00Z"),
            Instant.parse("2024-03-11T00:00:00Z"),
            Set.of(),
            Set.of(),
            Duration.ofDays(1));
    ArchivePlan plan = plan(store, oneDay);

    // The day itself and the next one, which may hold its late deliveries.
    assertThat(plan.files())
        .extracting(LogFile::deliveryDay)
        .containsOnly(LocalDate.of(2024, 3, 10), LocalDate.of(2024, 3, 11));
    assertThat(plan.files()).hasSize(3 * 2 * 2);
    long dayListings =
        store.listings.stream().filter(f -> f.matches(".*/\\d{4}/\\d{2}/\\d{2}")).count();
    assertThat(dayListings).isEqualTo(3 * 2 * 2);
    // The root, AWSLogs, the organization, each account's CloudTrail folder; then day folders.
    assertThat(store.listings).hasSize(1 + 1 + 1 + 3 + 3 * 2 * 2);
    assertThat(store.listings).noneMatch(folder -> folder.endsWith("(recursive)"));
  }

  @Test
  void namedAccountsAndRegionsAreNotDiscoveredByListing() throws Exception {
    InMemoryArchiveStore store = thirtyDayArchive();
    ArchiveRequest request =
        new ArchiveRequest(
            ROOT,
            Instant.parse("2024-03-10T00:00:00Z"),
            Instant.parse("2024-03-10T06:00:00Z"),
            Set.of("222222222222"),
            Set.of("eu-west-1"),
            Duration.ofHours(2));
    ArchivePlan plan = plan(store, request);

    assertThat(plan.files())
        .extracting(LogFile::path)
        .containsExactly(
            log("222222222222", "222222222222", "eu-west-1", "2024/03/10", "20240310T1205Z"));
    assertThat(store.listings).noneMatch(folder -> folder.endsWith("/CloudTrail"));
  }

  @Test
  void rootsBelowAwsLogsAreUnderstood() throws Exception {
    InMemoryArchiveStore store = thirtyDayArchive();
    assertThat(plan(store, ArchiveRequest.everything(ROOT + "/AWSLogs")).files()).hasSize(180);
    assertThat(plan(store, ArchiveRequest.everything(ROOT + "/AWSLogs/o-abcdefghij")).files())
        .hasSize(60);
    assertThat(
            plan(store, ArchiveRequest.everything(ROOT + "/AWSLogs/o-abcdefghij/333333333333"))
                .files())
        .hasSize(60);
    assertThat(
            plan(store, ArchiveRequest.everything(ROOT + "/AWSLogs/111111111111/CloudTrail"))
                .files())
        .hasSize(60);
    assertThat(
            plan(
                    store,
                    ArchiveRequest.everything(ROOT + "/AWSLogs/111111111111/CloudTrail/eu-west-1"))
                .files())
        .hasSize(30)
        .allMatch(
            file -> file.region().equals("eu-west-1") && file.account().equals("111111111111"));
  }

  private static String logName(String account, String region, String time) {
    return account + "_CloudTrail_" + region + "_" + time + "_AbCdEf0123456789.json.gz";
  }

  private static ArchiveRequest range(String root, String from, String to) {
    return new ArchiveRequest(
        root, Instant.parse(from), Instant.parse(to), Set.of(), Set.of(), Duration.ofDays(1));
  }

  @Test
  void aCopyRootedAtTheRegionFoldersIsReadWhateverTheRegionsAreCalled() throws Exception {
    // aws s3 sync s3://bucket/AWSLogs/<account>/CloudTrail/ ./logs; one region of a naming
    // scheme no pattern knows.
    InMemoryArchiveStore store = new InMemoryArchiveStore();
    for (String region : List.of("us-east-1", "apiso-northsouth-3r")) {
      for (int day = 1; day <= 5; day++) {
        store.add(
            String.format(
                "file:/logs/%s/2024/03/%02d/%s",
                region, day, logName("111111111111", region, "202403%02dT0105Z".formatted(day))),
            10);
      }
    }
    store.add("file:/logs/README.txt", 1);

    ArchivePlan all = plan(store, ArchiveRequest.everything("file:/logs"));
    assertThat(all.files()).hasSize(10);
    assertThat(all.files())
        .extracting(LogFile::region)
        .containsOnly("us-east-1", "apiso-northsouth-3r");
    assertThat(all.files()).extracting(LogFile::account).containsOnly("111111111111");
    assertThat(all.skipped())
        .extracting(SkippedPath::path, SkippedPath::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "file:/logs/README.txt",
                "not a CloudTrail log file name (<account>_CloudTrail_<region>_<YYYYMMDDTHHMMZ>_<id>.json.gz)"));

    store.listings.clear();
    ArchivePlan oneDay =
        plan(store, range("file:/logs", "2024-03-02T00:00:00Z", "2024-03-03T00:00:00Z"));
    assertThat(oneDay.files())
        .extracting(LogFile::deliveryDay)
        .containsOnly(LocalDate.of(2024, 3, 2), LocalDate.of(2024, 3, 3));
    assertThat(oneDay.files()).hasSize(4);
    // Day pruning still holds: the root, each region folder, then two day folders per region.
    assertThat(store.listings).hasSize(1 + 2 + 2 * 2);
  }

  @Test
  void aFlatFolderOfLogFilesIsReadAndDatedByTheFileNames() throws Exception {
    InMemoryArchiveStore store = new InMemoryArchiveStore();
    for (int day = 1; day <= 5; day++) {
      store.add(
          "file:/flat/" + logName("222222222222", "eu-west-1", "202403%02dT2355Z".formatted(day)),
          10);
    }
    store.add(
        "file:/flat/nested/deeper/" + logName("333333333333", "eu-west-1", "20240301T0000Z"), 10);
    store.add("file:/flat/222222222222_CloudTrail-Digest_eu-west-1_x_20240301T000000Z.json.gz", 1);

    ArchivePlan all = plan(store, ArchiveRequest.everything("file:/flat"));
    assertThat(all.files()).hasSize(6);
    assertThat(all.files()).extracting(LogFile::account).contains("222222222222", "333333333333");
    assertThat(all.skipped())
        .extracting(SkippedPath::reason)
        .containsExactly("a CloudTrail digest file (integrity hashes, not events)");

    ArchivePlan oneDay =
        plan(store, range("file:/flat", "2024-03-04T00:00:00Z", "2024-03-05T00:00:00Z"));
    assertThat(oneDay.files())
        .extracting(LogFile::deliveryDay)
        .containsOnly(LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 5));
  }

  @Test
  void oneLogFileIsAnArchiveToo() throws Exception {
    String file = "file:/downloads/" + logName("111111111111", "us-east-1", "20240301T0105Z");
    InMemoryArchiveStore store = new InMemoryArchiveStore().add(file, 10);
    assertThat(plan(store, ArchiveRequest.everything(file)).files())
        .extracting(LogFile::path)
        .containsExactly(file);

    String inLayout =
        log("111111111111", "111111111111", "us-east-1", "2024/03/02", "20240302T1205Z");
    InMemoryArchiveStore archive = new InMemoryArchiveStore().add(inLayout, 10);
    assertThat(plan(archive, ArchiveRequest.everything(inLayout)).files()).hasSize(1);
    assertThat(
            plan(
                    archive,
                    ArchiveRequest.everything(
                        ROOT + "/AWSLogs/111111111111/CloudTrail/us-east-1/2024/03"))
                .files())
        .hasSize(1);
  }

  @Test
  void aRegionFolderIsKnownByWhatItHoldsNotByItsName() throws Exception {
    InMemoryArchiveStore store = thirtyDayArchive();
    store.add(
        log("111111111111", "111111111111", "eusc-de-east-1", "2024/03/05", "20240305T1205Z"), 10);
    ArchivePlan plan = plan(store, ArchiveRequest.everything(ROOT));
    assertThat(plan.files()).extracting(LogFile::region).contains("eusc-de-east-1");
    assertThat(plan.skipped()).noneMatch(path -> path.path().contains("eusc-de-east-1"));
  }

  @Test
  void filesDeliveredBeforeTheRangeAreNotReadGivenTheMargin() throws Exception {
    InMemoryArchiveStore store = new InMemoryArchiveStore();
    for (String minute : List.of("1100", "1144", "1145", "1210", "2355")) {
      store.add(
          ROOT
              + "/AWSLogs/111111111111/CloudTrail/us-east-1/2024/03/10/"
              + logName("111111111111", "us-east-1", "20240310T" + minute + "Z"),
          10);
    }
    ArchiveRequest quarterHour =
        range(ROOT, "2024-03-10T12:00:00Z", "2024-03-10T12:15:00Z")
            .withFileTimeMargin(Duration.ofMinutes(15));

    // Delivered in the minute 11:44, plus 15 minutes: nothing at or after 12:00 can be in it.
    assertThat(plan(store, quarterHour).files())
        .extracting(file -> file.path().replaceAll(".*_(\\d{8}T\\d{4}Z)_.*", "$1"))
        .containsExactly("20240310T1145Z", "20240310T1210Z", "20240310T2355Z");
    assertThat(plan(store, quarterHour.withFileTimeMargin(null)).files()).hasSize(5);
    assertThat(plan(store, quarterHour.withFileTimeMargin(Duration.ofHours(2))).files()).hasSize(5);
  }

  @Test
  void aMissingRootSaysItDoesNotExist() {
    InMemoryArchiveStore store = thirtyDayArchive();
    assertThatThrownBy(() -> plan(store, ArchiveRequest.everything("file:/no/such/folder")))
        .isInstanceOfSatisfying(
            Failure.class, f -> assertThat(f.kind()).isEqualTo(Failure.Kind.USER_INPUT))
        .hasMessage(
            "The archive file:/no/such/folder does not exist. Check the path (and for s3a:// the"
                + " bucket and prefix); it should be the bucket or prefix your trail delivers to,"
                + " a folder below it, or a copy of its log files.");
    assertThatThrownBy(() -> plan(store, ArchiveRequest.everything(ROOT + "/AWSLogs/999999999999")))
        .hasMessageContaining("does not exist");
  }

  @Test
  void aFolderWithoutLogFilesIsAClearErrorThatIsNotDoesNotExist() {
    InMemoryArchiveStore store =
        new InMemoryArchiveStore().add("s3a://other/readme.txt", 3).add("s3a://other/x/y.csv", 3);
    assertThatThrownBy(() -> plan(store, ArchiveRequest.everything("s3a://other")))
        .isInstanceOfSatisfying(
            Failure.class, f -> assertThat(f.kind()).isEqualTo(Failure.Kind.USER_INPUT))
        .hasMessageStartingWith("No CloudTrail log files under s3a://other: none of its 2 entries")
        .hasMessageContaining("Point the archive at")
        .hasMessageNotContaining("does not exist");
  }

  @Test
  void aFileThatIsNotALogFileIsRefusedWithItsReason() {
    InMemoryArchiveStore store = new InMemoryArchiveStore().add("file:/tmp/notes.json.gz", 3);
    assertThatThrownBy(() -> plan(store, ArchiveRequest.everything("file:/tmp/notes.json.gz")))
        .hasMessageStartingWith("The archive file:/tmp/notes.json.gz is one file that is not read:")
        .hasMessageContaining("not a CloudTrail log file name");
  }

  @Test
  void anEmptyRangeIsRefused() {
    assertThatThrownBy(() -> new ArchiveRequest(ROOT, NOW, NOW, Set.of(), Set.of(), Duration.ZERO))
        .hasMessageContaining("the time range is empty");
  }

  @Test
  void filesArePackedBySize() {
    List<LogFile> small = new java.util.ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      small.add(new LogFile("s" + i, 40_000, 0, "1", "r", LocalDate.EPOCH));
    }
    small.add(new LogFile("big", 500_000_000L, 0, "1", "r", LocalDate.EPOCH));
    List<List<LogFile>> tasks = FilePacking.pack(small, 128L << 20, 4L << 20, 2);
    assertThat(tasks.get(0)).extracting(LogFile::path).containsExactly("big");
    assertThat(tasks.stream().mapToInt(List::size).sum()).isEqualTo(1001);
    assertThat(tasks.size()).isBetween(2, 100);
  }

  @Test
  void aMillionFileNightIsNeitherAMillionTasksNorOne() {
    List<LogFile> night = new java.util.ArrayList<>(1_000_000);
    for (int i = 0; i < 1_000_000; i++) {
      night.add(new LogFile("f" + i, 30_000, 0, "1", "r", LocalDate.EPOCH));
    }
    // Spark's defaults: 128 MB a task, a file open worth 4 MB; 200 cores.
    List<List<LogFile>> tasks = FilePacking.pack(night, 128L << 20, 4L << 20, 200);
    assertThat(tasks.stream().mapToInt(List::size).sum()).isEqualTo(1_000_000);
    assertThat(tasks.size()).isBetween(10_000, 50_000);
    assertThat(tasks).allSatisfy(task -> assertThat(task.size()).isBetween(1, 32));
  }

  @Test
  void listingsRunInParallelOnTheBoundedPool() throws Exception {
    java.util.concurrent.atomic.AtomicInteger running =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger mostAtOnce =
        new java.util.concurrent.atomic.AtomicInteger();
    InMemoryArchiveStore archive = thirtyDayArchive();
    ArchiveStore slowStore =
        new ArchiveStore() {
          @Override
          public List<ArchiveEntry> list(String folder) throws java.io.IOException {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
              Thread.sleep(20); // an S3 LIST takes tens of milliseconds
              return archive.list(folder);
            } catch (InterruptedException e) {
              throw new java.io.InterruptedIOException();
            } finally {
              running.decrementAndGet();
            }
          }

          @Override
          public List<ArchiveEntry> listFilesRecursively(String folder) {
            return archive.listFilesRecursively(folder);
          }

          @Override
          public java.util.Optional<ArchiveEntry> status(String path) {
            return archive.status(path);
          }
        };
    // One account and one region: the day folders themselves are listed in parallel.
    ArchiveRequest tenDaysOfOneRegion =
        new ArchiveRequest(
            ROOT,
            Instant.parse("2024-03-01T00:00:00Z"),
            Instant.parse("2024-03-11T00:00:00Z"),
            Set.of("111111111111"),
            Set.of("us-east-1"),
            Duration.ofDays(1));

    ArchivePlan plan = new ArchivePlanner(slowStore, 4, NOW).plan(tenDaysOfOneRegion);

    assertThat(plan.files()).hasSize(11); // ten days and the late-delivery day
    assertThat(mostAtOnce.get()).as("listings at once").isEqualTo(4);
  }
}
