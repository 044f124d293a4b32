// `CurlMulti`: the libcurl multi-socket interface on Asio (socket and timer callbacks, completions).
#include "daemon/http/curl_multi.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <spdlog/spdlog.h>

#include <sys/socket.h>
#include <unistd.h>

#include <vector>

namespace watchdesk::http {

namespace asio = boost::asio;

namespace {

constexpr int read_direction = 0;
constexpr int write_direction = 1;

/// libcurl needs its global state set up once per process before the first handle.
void global_init_once() {
  static const bool done = [] {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    return true;
  }();
  (void)done;
}

}  // namespace

/// What the loop knows about one socket libcurl asked it to watch. Handlers hold it by
/// `shared_ptr`, so a handler that runs after libcurl gave the socket up finds `live == false`
/// and touches nothing else.
struct CurlMulti::SocketState {
  SocketState(asio::io_context& io, curl_socket_t socket) : fd(socket), descriptor(io) {}
  curl_socket_t fd;
  asio::posix::stream_descriptor descriptor;
  /// What libcurl currently wants (read, write).
  bool wanted[2] = {false, false};
  /// Whether an `async_wait` is pending, so a wait is never armed twice.
  bool armed[2] = {false, false};
  bool live = true;
};

CurlMulti::CurlMulti(asio::io_context& io, MultiOptions options)
    : io_(io), timer_(io), pool_(options.idle_handles) {
  global_init_once();
  multi_ = curl_multi_init();
  share_ = curl_share_init();
  if (share_ != nullptr) {
    curl_share_setopt(share_, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
  }
  if (multi_ == nullptr) return;
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &CurlMulti::on_socket);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, static_cast<void*>(this));
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &CurlMulti::on_timer);
  curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, static_cast<void*>(this));
  curl_multi_setopt(multi_, CURLMOPT_PIPELINING, static_cast<long>(CURLPIPE_MULTIPLEX));
  if (options.max_host_connections > 0) {
    curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, options.max_host_connections);
  }
  if (options.max_total_connections > 0) {
    curl_multi_setopt(multi_, CURLMOPT_MAX_TOTAL_CONNECTIONS, options.max_total_connections);
  }
}

void CurlMulti::keep_connections(long connections) {
  if (multi_ != nullptr) curl_multi_setopt(multi_, CURLMOPT_MAXCONNECTS, connections);
}

CurlMulti::~CurlMulti() {
  alive_.reset();
  for (auto& [id, transfer] : transfers_) {
    if (multi_ != nullptr && transfer->easy() != nullptr) {
      curl_multi_remove_handle(multi_, transfer->easy());
    }
  }
  transfers_.clear();
  // Idle handles stay attached to the share handle, which cannot be cleaned up while they are.
  pool_.clear();
  // Closing cached connections may still report sockets as removed: `sockets_` is alive here.
  if (multi_ != nullptr) curl_multi_cleanup(multi_);
  if (share_ != nullptr) curl_share_cleanup(share_);
  timer_.cancel();
  for (auto& [fd, state] : sockets_) {
    state->live = false;
    boost::system::error_code ignored;
    state->descriptor.cancel(ignored);
    state->descriptor.release();  // libcurl owns the file descriptor
  }
  sockets_.clear();
}

TransferId CurlMulti::start(Request request, Completion done) {
  const TransferId id = next_id_++;
  auto transfer = std::make_unique<Transfer>(id, std::move(request), std::move(done));
  if (multi_ == nullptr) {
    Response response = transfer->fail(CURLE_OUT_OF_MEMORY, Failure::not_started,
                                       "the HTTP engine could not be created (out of memory)");
    complete(std::move(response), transfer->take_completion());
    return id;
  }
  if (Status status = transfer->setup(share_, pool_); !status.ok()) {
    Response response = transfer->fail(CURLE_FAILED_INIT, Failure::not_started, status.error().message);
    complete(std::move(response), transfer->take_completion());
    return id;
  }
  CURL* easy = transfer->easy();
  // Connection sockets are opened and closed here, so an idle one can stay registered.
  curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, &CurlMulti::on_open_socket);
  curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, static_cast<void*>(this));
  curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, &CurlMulti::on_close_socket);
  curl_easy_setopt(easy, CURLOPT_CLOSESOCKETDATA, static_cast<void*>(this));
  transfers_.emplace(id, std::move(transfer));
  if (CURLMcode code = curl_multi_add_handle(multi_, easy); code != CURLM_OK) {
    auto node = transfers_.extract(id);
    Response response = node.mapped()->fail(CURLE_FAILED_INIT, Failure::not_started,
                                             std::string("cannot start the transfer: ") +
                                                 curl_multi_strerror(code));
    complete(std::move(response), node.mapped()->take_completion());
  }
  return id;
}

void CurlMulti::abort_all(std::string_view reason) {
  std::vector<std::unique_ptr<Transfer>> aborted;
  aborted.reserve(transfers_.size());
  for (auto& [id, transfer] : transfers_) {
    curl_multi_remove_handle(multi_, transfer->easy());
    aborted.push_back(std::move(transfer));
  }
  transfers_.clear();
  for (auto& transfer : aborted) {
    Response response = transfer->fail(CURLE_ABORTED_BY_CALLBACK, Failure::cancelled, std::string(reason));
    complete(std::move(response), transfer->take_completion());
  }
}

int CurlMulti::on_socket(CURL* /*easy*/, curl_socket_t fd, int what, void* self, void* /*socket_data*/) {
  auto* multi = static_cast<CurlMulti*>(self);
  if (what != CURL_POLL_REMOVE) {
    multi->update_socket(fd, what);
  } else if (multi->connection_sockets_.count(fd) != 0) {
    multi->park_socket(fd);
  } else {
    multi->forget_socket(fd);  // a socket libcurl closes itself (its resolver's)
  }
  return 0;
}

curl_socket_t CurlMulti::on_open_socket(void* self, curlsocktype /*purpose*/, curl_sockaddr* address) {
  // What libcurl does without this callback.
  const curl_socket_t fd = ::socket(address->family, address->socktype, address->protocol);
  if (fd != CURL_SOCKET_BAD) static_cast<CurlMulti*>(self)->connection_sockets_.insert(fd);
  return fd;
}

int CurlMulti::on_close_socket(void* self, curl_socket_t fd) {
  auto* multi = static_cast<CurlMulti*>(self);
  multi->connection_sockets_.erase(fd);
  multi->forget_socket(fd);
  return ::close(fd);
}

void CurlMulti::update_socket(curl_socket_t fd, int what) {
  auto it = sockets_.find(fd);
  if (it == sockets_.end()) {
    auto state = std::make_shared<SocketState>(io_, fd);
    boost::system::error_code ec;
    state->descriptor.assign(fd, ec);
    if (ec) {
      // Without a wait the transfer ends by its own timeout; say why.
      spdlog::error("http: cannot watch socket {}: {}", fd, ec.message());
      return;
    }
    it = sockets_.emplace(fd, std::move(state)).first;
    ++registrations_;
  }
  std::shared_ptr<SocketState> state = it->second;
  state->wanted[read_direction] = what == CURL_POLL_IN || what == CURL_POLL_INOUT;
  state->wanted[write_direction] = what == CURL_POLL_OUT || what == CURL_POLL_INOUT;
  // `async_wait` never runs its handler inline, so arming here cannot re-enter libcurl.
  for (int direction : {read_direction, write_direction}) {
    if (state->wanted[direction] && !state->armed[direction]) arm(state, direction);
  }
}

void CurlMulti::forget_socket(curl_socket_t fd) {
  // CURL_POLL_REMOVE only means "stop watching": the connection may stay open in libcurl's cache
  // and libcurl closes the descriptor itself. Stop the waits and hand the descriptor back.
  auto it = sockets_.find(fd);
  if (it == sockets_.end()) return;
  std::shared_ptr<SocketState> state = std::move(it->second);
  sockets_.erase(it);
  state->live = false;
  state->wanted[read_direction] = state->wanted[write_direction] = false;
  boost::system::error_code ignored;
  state->descriptor.cancel(ignored);
  state->descriptor.release();
}

void CurlMulti::park_socket(curl_socket_t fd) {
  // The connection goes back to libcurl's cache: no waits (an armed one would keep the loop
  // busy), but the registration stays for its next transfer.
  auto it = sockets_.find(fd);
  if (it == sockets_.end()) return;
  SocketState& state = *it->second;
  state.wanted[read_direction] = state.wanted[write_direction] = false;
  boost::system::error_code ignored;
  state.descriptor.cancel(ignored);
}

void CurlMulti::arm(const std::shared_ptr<SocketState>& state, int direction) {
  state->armed[direction] = true;
  const auto wait = direction == read_direction ? asio::posix::stream_descriptor::wait_read
                                                : asio::posix::stream_descriptor::wait_write;
  std::weak_ptr<int> alive = alive_;
  state->descriptor.async_wait(wait, [this, alive, state, direction](const boost::system::error_code& ec) {
    if (alive.expired()) return;
    state->armed[direction] = false;
    if (!state->live || !state->wanted[direction]) return;
    // Parked and wanted again before this cancelled wait ran: wait again.
    if (ec == boost::asio::error::operation_aborted) {
      arm(state, direction);
      return;
    }
    if (ec) return;
    on_ready(state, direction);
  });
}

void CurlMulti::on_ready(const std::shared_ptr<SocketState>& state, int direction) {
  if (!action(state->fd, direction == read_direction ? CURL_CSELECT_IN : CURL_CSELECT_OUT)) return;
  // libcurl may have dropped or changed the socket in the call: re-arm only what it still wants.
  if (state->live && state->wanted[direction] && !state->armed[direction]) arm(state, direction);
}

int CurlMulti::on_timer(CURLM* /*multi*/, long timeout_ms, void* self) {
  auto* multi = static_cast<CurlMulti*>(self);
  if (timeout_ms < 0) {  // -1: no timeout wanted any more
    multi->timer_wanted_.reset();
    if (multi->timer_armed_) {
      // Cancelling posts the wait's handler and changes no kernel timer.
      multi->timer_armed_.reset();
      multi->timer_.cancel();
    }
    return 0;
  }
  if (timeout_ms == 0) {
    // Never call libcurl from inside its own callback: run the timeout from the loop.
    multi->timer_wanted_.reset();
    std::weak_ptr<int> alive = multi->alive_;
    asio::post(multi->io_, [multi, alive] {
      if (!alive.expired()) multi->action(CURL_SOCKET_TIMEOUT, 0);
    });
    return 0;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  multi->timer_wanted_ = deadline;
  if (!multi->timer_armed_ || deadline < *multi->timer_armed_) multi->arm_timer(deadline);
  return 0;
}

void CurlMulti::arm_timer(std::chrono::steady_clock::time_point deadline) {
  timer_armed_ = deadline;
  timer_.expires_at(deadline);
  std::weak_ptr<int> alive = alive_;
  timer_.async_wait([this, alive](const boost::system::error_code& ec) {
    if (alive.expired() || ec) return;
    on_timer_expiry();
  });
}

void CurlMulti::on_timer_expiry() {
  timer_armed_.reset();
  if (!timer_wanted_) return;
  if (std::chrono::steady_clock::now() < *timer_wanted_) {
    arm_timer(*timer_wanted_);  // libcurl moved its deadline later since this one was armed
    return;
  }
  timer_wanted_.reset();
  action(CURL_SOCKET_TIMEOUT, 0);
}

bool CurlMulti::action(curl_socket_t fd, int events) {
  int running = 0;
  curl_multi_socket_action(multi_, fd, events, &running);
  return read_messages();
}

bool CurlMulti::read_messages() {
  // A completion may destroy this object; stop touching it when it has.
  std::weak_ptr<int> alive = alive_;
  int queued = 0;
  while (CURLMsg* message = curl_multi_info_read(multi_, &queued)) {
    if (message->msg != CURLMSG_DONE) continue;
    CURL* easy = message->easy_handle;
    const CURLcode code = message->data.result;
    void* data = nullptr;
    curl_easy_getinfo(easy, CURLINFO_PRIVATE, &data);
    auto* transfer = static_cast<Transfer*>(data);
    curl_multi_remove_handle(multi_, easy);
    if (transfer == nullptr) continue;
    auto node = transfers_.extract(transfer->id());
    if (node.empty()) continue;
    Response response = node.mapped()->finish(code);
    Completion done = node.mapped()->take_completion();
    node.mapped().reset();  // frees the easy handle before the completion may start new ones
    if (done) {
      call_completion(done, std::move(response), "transfer");
      if (alive.expired()) return false;
    }
  }
  return true;
}

void CurlMulti::complete(Response response, Completion done) {
  if (!done) return;
  std::weak_ptr<int> alive = alive_;
  asio::post(io_, [alive, response = std::move(response), done = std::move(done)]() mutable {
    if (!alive.expired()) call_completion(done, std::move(response), "transfer");
  });
}

}  // namespace watchdesk::http
