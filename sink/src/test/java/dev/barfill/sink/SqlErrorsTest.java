package dev.barfill.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlErrorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"08006", "08001", "57P01", "57P03", "40001", "40P01", "53300", "55P03"})
    void shouldRetryConnectionShutdownAndConcurrencyStates(String state) {
        assertThat(SqlErrors.classify(new SQLException("x", state))).isEqualTo(SqlErrors.Kind.RETRYABLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"23514", "23502", "22003", "22P02", "21000"})
    void shouldNotRetryValuesTheTableRefuses(String state) {
        assertThat(SqlErrors.classify(new SQLException("x", state))).isEqualTo(SqlErrors.Kind.DATA);
    }

    @Test
    void shouldFindTheStateDeepInTheCauseChainAndInNextExceptions() {
        BatchUpdateException batch = new BatchUpdateException("batch entry 3 failed", "xx000", new int[0]);
        batch.setNextException(new SQLException("new row violates check constraint", "23514"));
        RuntimeException wrapped = new RuntimeException("wrapper", new IllegalStateException(batch));
        assertThat(SqlErrors.classify(wrapped)).isEqualTo(SqlErrors.Kind.DATA);
        assertThat(SqlErrors.sqlState(wrapped)).isEqualTo("xx000");
    }

    @Test
    void shouldRetryAPoolTimeoutAndAnIoFailureWithoutState() {
        assertThat(SqlErrors.classify(new SQLTransientConnectionException("barfill - Connection is not available")))
                .isEqualTo(SqlErrors.Kind.RETRYABLE);
        assertThat(SqlErrors.classify(new SQLException("I/O error", (String) null, new ConnectException("refused"))))
                .isEqualTo(SqlErrors.Kind.RETRYABLE);
    }

    @Test
    void shouldRetryWhatItCannotClassifyRatherThanSetDataAside() {
        assertThat(SqlErrors.classify(new IllegalStateException("surprise"))).isEqualTo(SqlErrors.Kind.RETRYABLE);
        assertThat(SqlErrors.classify(new SQLException("odd", "XX000"))).isEqualTo(SqlErrors.Kind.RETRYABLE);
    }

    @Test
    void shouldDescribeAnErrorByStateAndFirstMessageLine() {
        SQLException e = new SQLException("ERROR: new row violates check constraint\n  Detail: Failing row", "23514");
        assertThat(SqlErrors.describe(new RuntimeException(e))).isEqualTo("23514 ERROR: new row violates check constraint");
    }
}
