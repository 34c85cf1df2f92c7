package org.attnreg.analysis.icl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.attnreg.report.TempDirs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Tiny end-to-end runs of the {@code icl} command. */
class IclCommandTest {

  @BeforeAll
  static void tmpDir() throws IOException {
    TempDirs.ensureExists();
  }

  private static int run(IclCommand command, String... args) {
    return new CommandLine(command).execute(args);
  }

  private static String[] tiny(File out, String... more) {
    String[] base = {"--n", "30", "--d", "4", "--seed", "3", "--out", out.getAbsolutePath(), "--settings", "6x3",
        "--d-sweep", "2,3", "--sweep-n", "6", "--steps", "20", "--eval-every", "10", "--repetitions", "2",
        "--eval-tasks", "16", "--tune-tasks", "16", "--batch", "4"};
    String[] all = Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void writesJsonCsvAndDecodablePngs(@TempDir File dir) throws IOException {
    File out = new File(dir, "results");
    assertEquals(0, run(new IclCommand(), tiny(out)));

    JsonNode json = new ObjectMapper().readTree(new File(out, "icl.json"));
    JsonNode weight = json.get("shifts").get("weightShifts");
    assertEquals(2, weight.size(), "weight shifts at the solution and at the origin");
    assertEquals("solution", weight.get(0).get("point").asText());
    assertTrue(weight.get(1).get("ratio").asDouble() <= weight.get(1).get("bounds").get("tight").asDouble());
    JsonNode data = json.get("shifts").get("dataShift");
    assertTrue(data.get("ratio").asDouble() <= data.get("normBound").asDouble());
    assertFalse(data.has("aPrime"), "large arrays stay out of the JSON");
    assertEquals(3, json.get("experiment").get("steps").size());

    List<String> csv = Files.readAllLines(new File(out, "icl.csv").toPath());
    assertEquals(IclOutputs.CSV_HEADER, csv.get(0));
    assertEquals(1 + 3 + 2, csv.size(), "header, 3 checkpoints of 6x3, 2 sweep points: " + csv);
    assertTrue(csv.get(1).startsWith("steps,6,3,0,"), csv.get(1));
    assertTrue(csv.get(4).startsWith("d_sweep,6,2,20,"), csv.get(4));
    assertEquals(14, csv.get(5).split(",").length);

    String[] pngs = out.list((d, name) -> name.endsWith(".png"));
    assertEquals(5, pngs.length, Arrays.toString(pngs));
    for (String png : pngs) {
      BufferedImage image = ImageIO.read(new File(out, png));
      assertNotNull(image, png + " must decode");
    }
  }

  @Test
  void skipsTheExperimentOnRequestAndWritesOnlyJson(@TempDir File dir) throws IOException {
    File out = new File(dir, "shifts-only");
    File x = new File(dir, "x.csv");
    Files.writeString(x.toPath(), "0.5\n-0.25\n1.0\n0.0\n");
    assertEquals(0, run(new IclCommand(), tiny(out, "--no-experiment", "--x", x.getAbsolutePath(), "--eta", "2")));
    JsonNode json = new ObjectMapper().readTree(new File(out, "icl.json"));
    assertEquals("given", json.get("shifts").get("weightShifts").get(0).get("point").asText());
    assertEquals(2.0, json.get("shifts").get("weightShifts").get(0).get("eta").asDouble());
    assertTrue(json.get("experiment").isNull());
    assertFalse(new File(out, "icl.csv").exists());
  }

  @Test
  void readsAttentionWeightsFromCsvFiles(@TempDir File dir) throws IOException {
    for (String m : new String[] {"q", "k", "v"}) {
      Files.writeString(new File(dir, m + ".csv").toPath(), "1,0\n0,1\n");
    }
    File out = new File(dir, "csv-weights");
    assertEquals(0, run(new IclCommand(), "--n", "12", "--d", "2", "--no-experiment", "--out", out.getAbsolutePath(),
        "--q", new File(dir, "q.csv").getAbsolutePath(), "--k", new File(dir, "k.csv").getAbsolutePath(),
        "--v", new File(dir, "v.csv").getAbsolutePath()));
    JsonNode data = new ObjectMapper().readTree(new File(out, "icl.json")).get("shifts").get("dataShift");
    assertTrue(data.get("weights").asText().startsWith("files "), data.toString());
  }

  @Test
  void configurationErrorsExitWithCodeTwo(@TempDir File dir) {
    File out = new File(dir, "never");
    assertEquals(2, run(new IclCommand(), "--n", "20001", "--d", "2", "--no-experiment", "--out", out.getPath()));
    assertEquals(2, run(new IclCommand(), "--n", "10", "--d", "2", "--q", "q.csv", "--out", out.getPath()));
    assertEquals(2, run(new IclCommand(), "--input", "data.csv", "--out", out.getPath()));
    assertEquals(2, run(new IclCommand(), tiny(out, "--steps", "0")));
    assertFalse(out.exists(), "nothing is written when the configuration is refused");
  }

  @Test
  void usesTheWiredLoaderForInput(@TempDir File dir) {
    File out = new File(dir, "loaded");
    SoftmaxInstance given = SyntheticInstances.generate(15, 3, 8);
    IclCommand command = new IclCommand((path, layout) -> {
      assertEquals("in.txt", path);
      assertEquals("csv", layout.formatName());
      assertFalse(layout.rowWeights(), "no weight column without the (dropped) weight options");
      return given;
    });
    assertEquals(0, run(command, "--input", "in.txt", "--format", "CSV", "--no-experiment", "--out", out.getPath()));
    assertTrue(new File(out, "icl.json").exists());
  }
  @Test
  void printsASummaryAndReportsTheAnalysedInstancesOwnSize(@TempDir File dir) throws IOException {
    File out = new File(dir, "summary");
    SoftmaxInstance given = SyntheticInstances.generate(17, 3, 5);
    java.io.StringWriter stdout = new java.io.StringWriter();
    CommandLine cl = new CommandLine(new IclCommand((path, layout) -> given));
    cl.setOut(new java.io.PrintWriter(stdout));
    assertEquals(0, cl.execute("--input", "in.csv", "--out", out.getPath(), "--settings", "6x3", "--d-sweep", "0",
        "--steps", "10", "--eval-every", "5", "--repetitions", "1", "--eval-tasks", "8", "--tune-tasks", "8",
        "--batch", "4"));
    String text = stdout.toString();
    assertTrue(text.contains("instance n = 17, d = 3 (in.csv)"), text);
    assertTrue(text.contains("weight shift at the solution") && text.contains("data shift"), text);
    assertTrue(text.contains("experiment n = 6, d = 3 after 10 steps: Model Cos"), text);
    assertTrue(text.contains("Results in " + out.getPath()), text);

    JsonNode json = new ObjectMapper().readTree(new File(out, "icl.json"));
    JsonNode config = json.get("config");
    assertEquals(17, config.get("n").asInt(), "the instance's n, not the synthetic default");
    assertEquals(3, config.get("d").asInt());
    assertEquals("6x3", config.get("experimentSettings").get(0).asText());
    JsonNode bounds = json.get("shifts").get("dataShift").get("bounds");
    assertFalse(bounds.has("paperM"), "M overflows; JSON carries log10 M only: " + bounds);
    assertTrue(bounds.get("paperLog10M").isNumber(), bounds.toString());
  }

  @Test
  void helpOffersNoWeightOptionAndOutIsRequired(@TempDir File dir) {
    java.io.StringWriter help = new java.io.StringWriter();
    CommandLine cl = new CommandLine(new IclCommand());
    cl.setOut(new java.io.PrintWriter(help));
    assertEquals(0, cl.execute("--help"));
    assertTrue(help.toString().contains("--header") && help.toString().contains("--format"), help.toString());
    assertFalse(help.toString().contains("--weight-col"), help.toString());
    assertEquals(2, run(new IclCommand(), "--n", "10", "--d", "2", "--no-experiment", "--weight-column", "1",
        "--out", new File(dir, "w").getPath()));
    java.io.StringWriter err = new java.io.StringWriter();
    CommandLine noOut = new CommandLine(new IclCommand());
    noOut.setErr(new java.io.PrintWriter(err));
    assertEquals(2, noOut.execute("--n", "10", "--d", "2", "--no-experiment"));
    assertTrue(err.toString().contains("--out"), err.toString());
  }
}
