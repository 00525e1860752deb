#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <SQLiteCpp/SQLiteCpp.h>

#include "rota/store/database.hpp"
#include "store_fixture.hpp"

using namespace rota;
using rota::store::Database;

TEST_CASE("database: a new file gets the current schema, foreign keys and WAL") {
  TempDir dir;
  const std::string path = dir.file("new.db");
  Database db(path, Database::Mode::read_write);
  CHECK(db.version() == Database::current_version());
  CHECK(db.sql().execAndGet("PRAGMA foreign_keys").getInt() == 1);
  CHECK(db.sql().execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(db.sql().tableExists("residents"));
  CHECK(db.sql().tableExists("requests"));
  // A request for someone who is not a resident is refused by the schema itself.
  CHECK_THROWS(db.sql().exec("INSERT INTO requests (resident, date) VALUES ('ghost', '2027-07-01')"));
}

TEST_CASE("database: every earlier schema version migrates forward and keeps its rows") {
  for (int from = 0; from < Database::current_version(); ++from) {
    CAPTURE(from);
    TempDir dir;
    const std::string path = dir.file("old.db");
    {
      Database old(path, Database::Mode::read_write, from);
      CHECK(old.version() == from);
      if (from >= 1) old.sql().exec("INSERT INTO residents (id, pgy) VALUES ('R1', 2)");
    }
    CHECK_THROWS_WITH_AS(Database(path, Database::Mode::read_only), doctest::Contains("older"), std::runtime_error);
    Database db(path, Database::Mode::read_write);
    CHECK(db.version() == Database::current_version());
    if (from >= 1) CHECK(db.sql().execAndGet("SELECT pgy FROM residents WHERE id = 'R1'").getInt() == 2);
    CHECK(db.sql().execAndGet("PRAGMA integrity_check").getString() == "ok");
  }
}

TEST_CASE("database: refuses a newer schema, a file that is not a database, and a missing file to read") {
  TempDir dir;
  const std::string newer = dir.file("newer.db");
  {
    SQLite::Database raw(newer, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("PRAGMA user_version = 999");
  }
  CHECK_THROWS_WITH_AS(Database(newer, Database::Mode::read_write), doctest::Contains("newer than this rota"),
                       std::runtime_error);
  const std::string text = dir.file("notes.db");
  std::ofstream(text) << "not a database at all\n";
  CHECK_THROWS_WITH_AS(Database(text, Database::Mode::read_only), doctest::Contains("not a database"),
                       std::runtime_error);
  CHECK_THROWS_WITH_AS(Database(dir.file("missing.db"), Database::Mode::read_only),
                       doctest::Contains("no such database"), std::runtime_error);
  CHECK_FALSE(std::filesystem::exists(dir.file("missing.db")));
}
