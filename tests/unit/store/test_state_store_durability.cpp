// Tests that what the state store committed survives the process being killed with SIGKILL.
#include <sqlite3.h>

#include <boost/test/unit_test.hpp>
#include <cstring>
#include <string>

#include "daemon/store/state_store.hpp"
#include "unit/store/store_test_support.hpp"

namespace {

using namespace watchdesk;
using namespace watchdesk::store;
using namespace watchdesk::store::testing;

constexpr int kCommits = 3;
constexpr int kObservationsPerCommit = 50;

std::string key(int commit, int i) { return std::to_string(commit) + "-" + std::to_string(i); }

// In the child: commits `kCommits` transactions (each with observations, a point and an alert with
// deliveries), reporting after each commit returned; then blocks holding one uncommitted.
void commit_then_block(const std::filesystem::path& path, const BlockedChild::Report& report,
                       const BlockedChild::Wait& wait) {
  auto opened = StateStore::open(path, Access::read_write);
  if (!opened) return report(opened.error().message);
  auto& store = *opened.value();
  for (int c = 0; c < kCommits; ++c) {
    auto tx = store.begin();
    if (!tx.ok()) return report(tx.error().message);
    for (int i = 0; i < kObservationsPerCommit; ++i) {
      Observation o;
      o.key = key(c, i);
      o.title = "item " + o.key;
      o.facts = {{"n", std::to_string(i)}};
      if (auto added = tx->add_observation("feed", o, kT0 + Seconds{c}); !added.ok()) {
        return report(added.error().message);
      }
    }
    if (auto s = tx->add_point("feed.count", SeriesPoint{"count", kT0 + Seconds{c}, 1.0 * c, ""});
        !s.ok()) {
      return report(s.error().message);
    }
    const AlertRecord alert{"t/" + std::to_string(c), "t", "{}", kT0 + Seconds{c}};
    if (auto added = tx->add_alert(alert, {"desk", "desk-mail"}); !added.ok()) {
      return report(added.error().message);
    }
    if (auto s = tx->commit(); !s.ok()) return report(s.error().message);
    report("committed " + std::to_string(c));
  }
  // In flight when killed: none of this may appear.
  auto tx = store.begin();
  if (!tx.ok()) return report(tx.error().message);
  Observation o;
  o.key = "in-flight";
  (void)tx->add_observation("feed", o, kT0);
  (void)tx->add_alert(AlertRecord{"t/in-flight", "t", "{}", kT0}, {"desk"});
  report("in flight");
  wait();
}

// A VFS that forwards to the default one and counts syncs of write-ahead logs; installed as the
// default for its lifetime, so the store opens through it.
class WalSyncCounter {
 public:
  WalSyncCounter() {
    real_ = sqlite3_vfs_find(nullptr);
    BOOST_REQUIRE(real_ != nullptr);
    instance_ = this;
    vfs_ = *real_;
    vfs_.zName = "watchdesk-wal-sync-counter";
    vfs_.szOsFile = static_cast<int>(sizeof(File)) + real_->szOsFile;
    vfs_.pAppData = this;
    vfs_.pNext = nullptr;
    vfs_.xOpen = &open;
    BOOST_REQUIRE(sqlite3_vfs_register(&vfs_, 1) == SQLITE_OK);
  }
  ~WalSyncCounter() {
    sqlite3_vfs_unregister(&vfs_);
    instance_ = nullptr;
  }
  WalSyncCounter(const WalSyncCounter&) = delete;
  WalSyncCounter& operator=(const WalSyncCounter&) = delete;

  int wal_syncs() const { return wal_syncs_; }

 private:
  struct File {
    sqlite3_file base;
    sqlite3_file* real;
    bool wal;
  };

  static sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }

  static int open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* f, int flags, int* out) {
    auto* self = static_cast<WalSyncCounter*>(vfs->pAppData);
    auto* file = reinterpret_cast<File*>(f);
    std::memset(file, 0, sizeof(File));
    file->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + sizeof(File));
    file->wal = (flags & SQLITE_OPEN_WAL) != 0;
    const int rc = self->real_->xOpen(self->real_, name, file->real, flags, out);
    file->base.pMethods = file->real->pMethods != nullptr ? &kMethods : nullptr;
    return rc;
  }

  static int close(sqlite3_file* f) { return real(f)->pMethods->xClose(real(f)); }
  static int read(sqlite3_file* f, void* p, int n, sqlite3_int64 o) {
    return real(f)->pMethods->xRead(real(f), p, n, o);
  }
  static int write(sqlite3_file* f, const void* p, int n, sqlite3_int64 o) {
    return real(f)->pMethods->xWrite(real(f), p, n, o);
  }
  static int truncate(sqlite3_file* f, sqlite3_int64 size) {
    return real(f)->pMethods->xTruncate(real(f), size);
  }
  static int sync(sqlite3_file* f, int flags) {
    if (reinterpret_cast<File*>(f)->wal && instance_ != nullptr) ++instance_->wal_syncs_;
    return real(f)->pMethods->xSync(real(f), flags);
  }
  static int file_size(sqlite3_file* f, sqlite3_int64* size) {
    return real(f)->pMethods->xFileSize(real(f), size);
  }
  static int lock(sqlite3_file* f, int level) { return real(f)->pMethods->xLock(real(f), level); }
  static int unlock(sqlite3_file* f, int level) {
    return real(f)->pMethods->xUnlock(real(f), level);
  }
  static int check_reserved(sqlite3_file* f, int* out) {
    return real(f)->pMethods->xCheckReservedLock(real(f), out);
  }
  static int file_control(sqlite3_file* f, int op, void* arg) {
    return real(f)->pMethods->xFileControl(real(f), op, arg);
  }
  static int sector_size(sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); }
  static int device(sqlite3_file* f) { return real(f)->pMethods->xDeviceCharacteristics(real(f)); }
  static int shm_map(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
    return real(f)->pMethods->xShmMap(real(f), page, size, extend, out);
  }
  static int shm_lock(sqlite3_file* f, int offset, int n, int flags) {
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
  }
  static void shm_barrier(sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); }
  static int shm_unmap(sqlite3_file* f, int remove) {
    return real(f)->pMethods->xShmUnmap(real(f), remove);
  }
  static int fetch(sqlite3_file* f, sqlite3_int64 offset, int n, void** out) {
    return real(f)->pMethods->xFetch(real(f), offset, n, out);
  }
  static int unfetch(sqlite3_file* f, sqlite3_int64 offset, void* p) {
    return real(f)->pMethods->xUnfetch(real(f), offset, p);
  }

  static constexpr sqlite3_io_methods kMethods = {
      3,         &close,       &read,           &write,        &truncate,    &sync,   &file_size,
      &lock,     &unlock,      &check_reserved, &file_control, &sector_size, &device, &shm_map,
      &shm_lock, &shm_barrier, &shm_unmap,      &fetch,        &unfetch};

  static inline WalSyncCounter* instance_ = nullptr;
  sqlite3_vfs* real_ = nullptr;
  sqlite3_vfs vfs_{};
  int wal_syncs_ = 0;
};

}  // namespace

BOOST_AUTO_TEST_SUITE(store_durability)

BOOST_AUTO_TEST_CASE(a_commit_with_alerts_is_synced_to_disk_and_others_are_not) {
  TempDir dir;
  WalSyncCounter counter;
  auto store = open_ok(dir / "state.db");

  auto plain = store->begin();
  BOOST_REQUIRE(plain.ok());
  Observation o;
  o.key = "1";
  BOOST_REQUIRE(plain->add_observation("feed", o, kT0).ok());
  const int before_plain = counter.wal_syncs();
  BOOST_REQUIRE(plain->commit().ok());
  BOOST_TEST(counter.wal_syncs() == before_plain);

  auto repeat = store->begin();
  BOOST_REQUIRE(repeat.ok());
  BOOST_REQUIRE(repeat->add_alert(AlertRecord{"t/1", "t", "{}", kT0}, {"desk"}).value());
  const int before_alert = counter.wal_syncs();
  BOOST_REQUIRE(repeat->commit().ok());
  BOOST_TEST(counter.wal_syncs() > before_alert);

  // A repeated alert id adds nothing to the outbox, so nothing needs syncing.
  auto again = store->begin();
  BOOST_REQUIRE(again.ok());
  BOOST_REQUIRE(!again->add_alert(AlertRecord{"t/1", "t", "{}", kT0}, {"desk"}).value());
  const int before_repeat = counter.wal_syncs();
  BOOST_REQUIRE(again->commit().ok());
  BOOST_TEST(counter.wal_syncs() == before_repeat);
  store.reset();
}

BOOST_AUTO_TEST_CASE(committed_rows_survive_sigkill) {
  TempDir dir;
  const auto path = dir / "state.db";
  BlockedChild child([&](const BlockedChild::Report& report, const BlockedChild::Wait& wait) {
    commit_then_block(path, report, wait);
  });
  for (int c = 0; c < kCommits; ++c) {
    BOOST_REQUIRE_EQUAL(child.read_line(), "committed " + std::to_string(c));
  }
  BOOST_REQUIRE_EQUAL(child.read_line(), "in flight");
  BOOST_REQUIRE(child.kill_and_wait());

  auto store = open_ok(path);
  for (int c = 0; c < kCommits; ++c) {
    for (int i = 0; i < kObservationsPerCommit; ++i) {
      BOOST_TEST(must(store->has_observation("feed", key(c, i))), "observation " << key(c, i));
    }
    BOOST_TEST(must(store->has_alert("t/" + std::to_string(c))));
  }
  BOOST_TEST(must(store->observations("feed", kT0)).size() ==
             static_cast<std::size_t>(kCommits * kObservationsPerCommit));
  BOOST_TEST(must(store->series("feed.count", kT0, kT0 + Seconds{kCommits})).size() ==
             static_cast<std::size_t>(kCommits));
  BOOST_TEST(must(store->pending_deliveries()).size() == static_cast<std::size_t>(kCommits * 2));
  BOOST_TEST(!must(store->has_observation("feed", "in-flight")));
  BOOST_TEST(!must(store->has_alert("t/in-flight")));

  // The killed writer's lock is gone: the reopened store writes.
  auto tx = store->begin();
  BOOST_REQUIRE(tx.ok());
  BOOST_TEST(tx->add_alert(AlertRecord{"t/after", "t", "{}", kT0}, {"desk"}).value());
  BOOST_TEST(tx->commit().ok());
}

BOOST_AUTO_TEST_SUITE_END()
