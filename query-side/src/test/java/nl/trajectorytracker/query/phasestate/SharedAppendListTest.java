package nl.trajectorytracker.query.phasestate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SharedAppendListTest {

    @Test
    void copies_shareTheirItems_butNeverSeeEachOthersChanges() {
        List<String> original = SharedAppendList.copyOf(new ArrayList<>(List.of("a", "b")));
        List<String> appended = SharedAppendList.copyOf(original);
        List<String> sibling = SharedAppendList.copyOf(original);

        appended.add("c");
        sibling.add("x");
        sibling.add("y");
        List<String> changed = SharedAppendList.copyOf(appended);
        changed.set(0, "A");
        changed.remove(1);
        changed.add(1, "B");
        List<String> emptied = SharedAppendList.copyOf(appended);
        emptied.clear();
        emptied.add("z");

        assertThat(original).containsExactly("a", "b");
        assertThat(appended).containsExactly("a", "b", "c");
        assertThat(sibling).containsExactly("a", "b", "x", "y");
        assertThat(changed).containsExactly("A", "B", "c");
        assertThat(emptied).containsExactly("z");
        assertThat(appended).isEqualTo(List.of("a", "b", "c")).hasSameHashCodeAs(List.of("a", "b", "c"));
    }

    @Test
    void aChainOfCopies_eachAppendingOne_keepsEveryCopyAsItWas() {
        List<Integer> current = SharedAppendList.copyOf(null);
        List<List<Integer>> chain = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            current = SharedAppendList.copyOf(current);
            current.add(i);
            chain.add(current);
        }
        for (int i = 0; i < chain.size(); i++) {
            assertThat(chain.get(i)).hasSize(i + 1).endsWith(i);
        }
        chain.get(10).removeIf(value -> value % 2 == 0);
        assertThat(chain.get(10)).containsExactly(1, 3, 5, 7, 9);
        assertThat(chain.get(11)).hasSize(12).startsWith(0, 1, 2);
    }
}
