package io.dedicate.bundle.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

    @ParameterizedTest
    @CsvSource({
        "1B, 1",
        "2KB, 2048",
        "128MB, 134217728",
        "10GB, 10737418240",
        "1TB, 1099511627776",
        "10gb, 10737418240",
        "1.5KB, 1536",
        "30s, 30",
        "5m, 300",
        "2h, 7200",
        "1d, 86400",
        "1.5h, 5400"
    })
    void baseUnitsArePowersOf1024AndSeconds(String text, long base) {
        assertEquals(Optional.of(base), Quantity.parse(text).flatMap(Quantity::wholeBase));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10XB", "10", "GB", "10ms", "10 GB", "-1GB", "10GB2", "10G_B", "1e3B"})
    void unknownUnitsAndSyntaxDoNotParse(String text) {
        assertTrue(Quantity.parse(text).isEmpty(), text);
    }

    @ParameterizedTest
    @CsvSource({
        "2GB, BYTES, 2147483648",
        "2 GB, BYTES, 2147483648",
        "1.5 kb, BYTES, 1536",
        "128mB, BYTES, 134217728",
        "5m, DURATION, 300",
        "5 M, DURATION, 300",
        "1 d, DURATION, 86400"
    })
    void requestValuesMayPutOneSpaceBeforeTheUnit(String text, Quantity.Dimension dimension, long base) {
        assertEquals(Optional.of(base), Quantity.parse(text, dimension).flatMap(Quantity::wholeBase));
    }

    @ParameterizedTest
    @CsvSource({
        "5m, BYTES",
        "2GB, DURATION",
        "2  GB, BYTES",
        "' 2GB', BYTES",
        "'2GB ', BYTES",
        "10ms, DURATION",
        "GB, BYTES",
        "10, BYTES",
        "-1GB, BYTES"
    })
    void requestValuesOfAnotherDimensionOrSyntaxDoNotParse(String text, Quantity.Dimension dimension) {
        assertTrue(Quantity.parse(text, dimension).isEmpty(), text);
    }

    @Test
    void writesBoundsInTheUnitTheUserChose() {
        Quantity written = Quantity.parse("64 mb", Quantity.Dimension.BYTES).orElseThrow();
        assertEquals("64MB", written.toString());
        assertEquals("128MB", written.inUnit(134217728L));
        assertEquals("0.5MB", written.inUnit(524288));
        assertEquals(1L << 20, written.factor());
        assertEquals(
                "5m",
                Quantity.parse("5M", Quantity.Dimension.DURATION).orElseThrow().toString());
    }

    @Test
    void dimensionFollowsTheUnit() {
        assertEquals(
                Quantity.Dimension.BYTES, Quantity.parse("10MB").orElseThrow().dimension());
        assertEquals(
                Quantity.Dimension.DURATION, Quantity.parse("10m").orElseThrow().dimension());
    }

    @Test
    void megabytesOnlyWhenWhole() {
        assertEquals(Optional.of(10240), Quantity.parse("10GB").orElseThrow().wholeMegabytes());
        assertEquals(Optional.empty(), Quantity.parse("1500KB").orElseThrow().wholeMegabytes());
        assertEquals(Optional.empty(), Quantity.parse("10s").orElseThrow().wholeMegabytes());
    }

    @Test
    void fractionsOfTheBaseUnitAreNotWhole() {
        assertEquals(Optional.empty(), Quantity.parse("1.5B").orElseThrow().wholeBase());
    }

    @Test
    void unitListsForMessages() {
        assertEquals("B, KB, MB, GB, TB", Quantity.Unit.list(Quantity.Dimension.BYTES));
        assertEquals("s, m, h, d", Quantity.Unit.list(Quantity.Dimension.DURATION));
    }
}
