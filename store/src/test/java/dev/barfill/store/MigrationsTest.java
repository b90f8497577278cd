package dev.barfill.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class MigrationsTest {
    @Test
    void shouldRefuseASchemaThatIsBehindAndSayWhatToRun() throws Exception {
        DataSource db = TestDatabase.get();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE migrations_behind");
        }
        DataSource empty = TestDatabase.database("migrations_behind");

        assertThat(Migrations.currentVersion(empty)).isEqualTo("none");
        assertThatThrownBy(() -> Migrations.requireCurrent(empty))
                .hasMessageContaining("not created yet").hasMessageContaining("barfill migrate");

        assertThat(Migrations.migrate(empty)).isPositive();
        assertThatCode(() -> Migrations.requireCurrent(empty)).doesNotThrowAnyException();
        assertThat(Migrations.currentVersion(empty)).isEqualTo(Migrations.currentVersion(db));
        assertThat(Migrations.migrate(empty)).isZero();
    }
}
