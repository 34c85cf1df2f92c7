package org.attnreg.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's mathematics lives in its own notes, {@code src/site/markdown/maths.md}, and the
 * sources cite them by section ({@code maths.md §4}, {@code maths.md §10.2}, {@code maths.md §3 and §9.2}).
 * This test reads the README, {@code src/} and {@code jobs/} as plain text and fails on a citation of
 * a document that is not in the repository, and on a cited section that the notes do not have.
 */
class DocsCitationTest {
  private static final Path NOTES = Path.of("src", "site", "markdown", "maths.md");

  /** Documents that were never part of the repository: a citation of one points nowhere. */
  private static final Pattern OUTSIDE_DOCUMENT = Pattern.compile("(?i)(?<![a-z])(math|feasibility)\\.md");

  /** {@code maths.md} (optionally in backticks) followed by one or more section marks. */
  private static final Pattern CITATION =
      Pattern.compile("maths\\.md`?((?:\\s*(?:,|and)?\\s*§\\d+(?:\\.\\d+)*)+)");
  private static final Pattern SECTION_MARK = Pattern.compile("§(\\d+(?:\\.\\d+)*)");

  /** A numbered heading: {@code ## 4. Softmax …} or {@code ### 10.2 Residual bounds}. */
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(\\d+(?:\\.\\d+)*)\\.?\\s");

  @Test
  void noSourceCitesADocumentOutsideTheRepository() {
    List<String> offending = new ArrayList<>();
    for (Path file : textFiles()) {
      List<String> lines = lines(file);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = OUTSIDE_DOCUMENT.matcher(lines.get(i));
        if (m.find()) {
          offending.add(file + ":" + (i + 1) + ": " + m.group());
        }
      }
    }
    assertTrue(offending.isEmpty(), "cite the project's notes (" + NOTES + ", by section) instead of: " + offending);
  }

  @Test
  void everyCitedSectionIsAHeadingOfTheNotes() {
    Set<String> sections = sections();
    List<String> missing = new ArrayList<>();
    int citations = 0;
    boolean readmeCites = false;
    for (Path file : textFiles()) {
      if (file.equals(NOTES)) {
        continue; // the notes' own cross-references use §N without the file name
      }
      List<String> lines = lines(file);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = CITATION.matcher(lines.get(i));
        while (m.find()) {
          Matcher mark = SECTION_MARK.matcher(m.group(1));
          while (mark.find()) {
            citations++;
            readmeCites |= file.equals(Path.of("README.md"));
            if (!sections.contains(mark.group(1))) {
              missing.add(file + ":" + (i + 1) + ": §" + mark.group(1));
            }
          }
        }
      }
    }
    assertTrue(citations > 0, "no source cites maths.md by section: the test would check nothing");
    assertTrue(readmeCites, "the README cites no section of maths.md");
    assertTrue(missing.isEmpty(), "sections cited but not headings of " + NOTES + " " + sections + ": " + missing);
  }

  @Test
  void theNotesCrossReferenceOnlyTheirOwnSections() {
    Set<String> sections = sections();
    List<String> missing = new ArrayList<>();
    List<String> lines = lines(NOTES);
    for (int i = 0; i < lines.size(); i++) {
      Matcher mark = SECTION_MARK.matcher(lines.get(i));
      while (mark.find()) {
        if (!sections.contains(mark.group(1))) {
          missing.add("line " + (i + 1) + ": §" + mark.group(1));
        }
      }
    }
    assertTrue(missing.isEmpty(), NOTES + " refers to sections it does not have: " + missing);
  }

  @Test
  void sectionNumbersAreUnique() {
    List<String> numbers = new ArrayList<>();
    for (String line : lines(NOTES)) {
      Matcher m = HEADING.matcher(line);
      if (m.find()) {
        numbers.add(m.group(1));
      }
    }
    assertFalse(numbers.isEmpty(), NOTES + " has no numbered sections");
    assertEquals(new TreeSet<>(numbers).size(), numbers.size(), "a section number appears twice: " + numbers);
  }

  private static Set<String> sections() {
    Set<String> sections = new TreeSet<>();
    for (String line : lines(NOTES)) {
      Matcher m = HEADING.matcher(line);
      if (m.find()) {
        sections.add(m.group(1));
      }
    }
    return sections;
  }

  /** README.md and every regular file under src/ and jobs/. */
  private static List<Path> textFiles() {
    List<Path> files = new ArrayList<>();
    files.add(Path.of("README.md"));
    for (String root : List.of("src", "jobs")) {
      try (Stream<Path> walk = Files.walk(Path.of(root))) {
        walk.filter(Files::isRegularFile).forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  /** The file's lines; bytes that are not UTF-8 (binary test data) become replacement characters. */
  private static List<String> lines(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
