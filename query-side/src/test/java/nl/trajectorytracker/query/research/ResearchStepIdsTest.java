package nl.trajectorytracker.query.research;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class ResearchStepIdsTest {

    @Test
    void aStepIdIsTheSequencePaddedToNineteenDigits() {
        for (long sequence : new long[] {0, 7, 42, 1_000_000, Long.MAX_VALUE}) {
            assertThat(ResearchSteps.padded(sequence)).isEqualTo(String.format("%019d", sequence));
        }
    }

    @Test
    void stepIdsSortInTheOrderTheStepsWereTaken() {
        List<String> ids = LongStream.of(0, 9, 10, 99, 100, 12_345).mapToObj(ResearchSteps::padded)
                .collect(Collectors.toList());

        assertThat(ids).isSorted();
    }
}
