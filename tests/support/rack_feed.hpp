// A one-item RSS feed the daemon tests serve as their source: valid, stable, and naming no tenant.
#pragma once

namespace watchdesk::testing {

/// RSS 2.0 with one item ("Colossus adds a new rack row").
inline constexpr const char* kRackFeed = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Test wire</title>
<item><title>Colossus adds a new rack row</title><link>https://news.example.com/a</link><guid>a-1</guid>
<pubDate>Mon, 23 Nov 2026 14:03:00 GMT</pubDate></item>
</channel></rss>
)";

}  // namespace watchdesk::testing
