package dev.traced.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseTest {

  @Test
  void keepsH2OpenUntilThePoolClosesAndWritesEachCommitAtOnce() {
    assertThat(Database.withH2Settings("jdbc:h2:file:./data/orders"))
        .isEqualTo("jdbc:h2:file:./data/orders;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
    assertThat(Database.withH2Settings("jdbc:h2:mem:x;db_close_on_exit=true"))
        .isEqualTo("jdbc:h2:mem:x;db_close_on_exit=true;WRITE_DELAY=0");
    assertThat(Database.withH2Settings("jdbc:postgresql://db/orders"))
        .isEqualTo("jdbc:postgresql://db/orders");
  }

  @Test
  void picksTheMigrationsOfTheDatabase() {
    assertThat(Database.vendorOf("jdbc:h2:mem:x")).isEqualTo("h2");
    assertThat(Database.vendorOf("jdbc:postgresql://db/orders")).isEqualTo("postgresql");
    assertThatThrownBy(() -> Database.vendorOf("jdbc:mysql://db/orders?password=secret"))
        .hasMessage("DB_URL must be an H2 or PostgreSQL JDBC URL, got jdbc:mysql://db/orders");
  }
}
