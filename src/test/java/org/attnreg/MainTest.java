package org.attnreg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.Supplier;
import org.attnreg.command.ExitCode;
import org.attnreg.command.SessionFactory;
import org.attnreg.command.StartupTimes;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** The command line gives picocli only the subcommand it names, under the name that command declares. */
class MainTest {
  private static final SessionFactory NO_SPARK = (app, master, settings) -> {
    throw new IllegalStateException("no Spark session in this test");
  };

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), NO_SPARK, args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void everySubcommandIsKeptUnderTheNameItsCommandDeclares() {
    Map<String, Supplier<Object>> commands = Main.subcommands(NO_SPARK, StartupTimes.startingNow());
    assertEquals(8, commands.size());
    commands.forEach((name, make) -> assertEquals(name, make.get().getClass().getAnnotation(Command.class).name()));
  }

  @Test
  void theTopLevelHelpListsEveryCommandAndANamedOneHelpsWithItself() {
    String[] top = run("--help");
    assertEquals("0", top[0], top[2]);
    for (String name : Main.subcommands(NO_SPARK, StartupTimes.startingNow()).keySet()) {
      assertTrue(top[1].contains("  " + name + " "), "the top-level help lists " + name + ":\n" + top[1]);
    }
    String[] solve = run("solve", "--help");
    assertEquals("0", solve[0], solve[2]);
    assertTrue(solve[1].contains("--local-passes"), solve[1]);
  }

  @Test
  void anUnknownCommandIsAUsageErrorThatNamesIt() {
    String[] r = run("sovle", "--input", "x.csv");
    assertEquals(Integer.toString(ExitCode.USAGE), r[0]);
    assertTrue(r[2].contains("sovle"), r[2]);
  }
}
