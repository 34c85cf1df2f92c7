package org.attnreg.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LossFamiliesTest {

  @Test
  void everyFamilyIsRegisteredUnderItsOwnId() {
    List<String> ids = LossFamilies.ids();
    assertEquals(List.of("softmax", "softmax-relu", "exp", "cosh", "sinh", "rescaled-exp", "rescaled-cosh",
        "rescaled-sinh"), ids);
    for (String id : ids) {
      assertEquals(id, LossFamilies.byId(id).id());
    }
  }

  @Test
  void unknownIdsAreRefusedWithTheKnownOnesListed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossFamilies.byId("tanh"));
    assertTrue(e.getMessage().contains("'tanh'") && e.getMessage().contains("rescaled-sinh"), e.getMessage());
  }

  @Test
  void theIdListCannotBeChanged() {
    assertThrows(UnsupportedOperationException.class, () -> LossFamilies.ids().add("tanh"));
  }
}
