// Metric expressions: `+ - * /`, parentheses, numbers and series names, parsed once and evaluated.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace watchdesk {

/// A parsed metric expression such as `crwv-price.close * crwv-facts.shares_outstanding / crwv-facts.revenue_ttm`.
/// Series names are letters, digits, `_`, `.` and `-`; write binary minus with spaces (`a - b`).
class Expression {
 public:
  /// Parses `text`; the error says what was expected, and its position the column (1-based, line 1).
  static Result<Expression> parse(std::string_view text);

  /// The distinct series names the expression refers to, in order of first appearance.
  const std::vector<std::string>& inputs() const { return inputs_; }

  /// Looks up a series value; nullopt when the series has no value.
  using Lookup = std::function<std::optional<double>(std::string_view name)>;

  /// Evaluates with `lookup`; nullopt when an input is missing or a division by zero occurs.
  std::optional<double> evaluate(const Lookup& lookup) const;

  /// The text it was parsed from.
  const std::string& text() const { return text_; }

  struct Node;

 private:
  std::string text_;
  std::vector<std::string> inputs_;
  std::shared_ptr<const Node> root_;
};


}  // namespace watchdesk
