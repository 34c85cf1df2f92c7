package org.attnreg.command;

import java.util.Iterator;
import org.attnreg.problem.LossFamilies;

/** The families {@code --family} accepts, listed in its help text (picocli's completion candidates). */
final class FamilyNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return LossFamilies.ids().iterator();
  }
}
