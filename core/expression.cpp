// A small recursive-descent parser and evaluator for metric expressions.
#include "core/expression.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <string>

namespace watchdesk {

struct Expression::Node {
  enum class Op { number, series, add, sub, mul, div, neg } op = Op::number;
  double number = 0;
  std::string name;
  std::shared_ptr<const Node> left;
  std::shared_ptr<const Node> right;
};

namespace {

using Node = Expression::Node;
using NodePtr = std::shared_ptr<const Node>;

bool is_name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  Result<NodePtr> parse_all() {
    auto node = parse_sum();
    if (!node) return node;
    skip_spaces();
    if (pos_ < text_.size()) return fail("unexpected '" + std::string(1, text_[pos_]) + "'");
    return node;
  }

  std::vector<std::string> inputs;

 private:
  Error fail(const std::string& what) const {
    Error error = make_error(what);
    error.position.line = 1;
    error.position.column = static_cast<int>(pos_ + 1);
    return error;
  }
  void skip_spaces() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  static NodePtr binary(Node::Op op, NodePtr l, NodePtr r) {
    auto n = std::make_shared<Node>();
    n->op = op;
    n->left = std::move(l);
    n->right = std::move(r);
    return n;
  }

  Result<NodePtr> parse_sum() {
    auto left = parse_product();
    if (!left) return left;
    NodePtr node = *left;
    for (;;) {
      skip_spaces();
      if (pos_ >= text_.size() || (text_[pos_] != '+' && text_[pos_] != '-')) return node;
      auto op = text_[pos_++] == '+' ? Node::Op::add : Node::Op::sub;
      auto right = parse_product();
      if (!right) return right;
      node = binary(op, node, *right);
    }
  }

  Result<NodePtr> parse_product() {
    auto left = parse_factor();
    if (!left) return left;
    NodePtr node = *left;
    for (;;) {
      skip_spaces();
      if (pos_ >= text_.size() || (text_[pos_] != '*' && text_[pos_] != '/')) return node;
      auto op = text_[pos_++] == '*' ? Node::Op::mul : Node::Op::div;
      auto right = parse_factor();
      if (!right) return right;
      node = binary(op, node, *right);
    }
  }

  Result<NodePtr> parse_factor() {
    if (++depth_ > 64) return fail("expression nested too deeply");
    auto result = parse_factor_inner();
    --depth_;
    return result;
  }

  Result<NodePtr> parse_factor_inner() {
    skip_spaces();
    if (pos_ >= text_.size()) return fail("expected a number, a series name or '(' but the expression ends");
    char c = text_[pos_];
    if (c == '(') {
      ++pos_;
      auto inner = parse_sum();
      if (!inner) return inner;
      skip_spaces();
      if (pos_ >= text_.size() || text_[pos_] != ')') return fail("expected ')'");
      ++pos_;
      return inner;
    }
    if (c == '-') {
      ++pos_;
      auto operand = parse_factor();
      if (!operand) return operand;
      auto n = std::make_shared<Node>();
      n->op = Node::Op::neg;
      n->left = *operand;
      return NodePtr(n);
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      double value = 0;
      auto [end, ec] = std::from_chars(text_.data() + pos_, text_.data() + text_.size(), value);
      if (ec != std::errc() || !std::isfinite(value)) return fail("malformed number");
      pos_ = static_cast<std::size_t>(end - text_.data());
      auto n = std::make_shared<Node>();
      n->number = value;
      return NodePtr(n);
    }
    if (is_name_start(c)) {
      std::size_t start = pos_;
      while (pos_ < text_.size() && is_name_char(text_[pos_])) ++pos_;
      while (pos_ > start + 1 && (text_[pos_ - 1] == '-' || text_[pos_ - 1] == '.')) --pos_;
      auto n = std::make_shared<Node>();
      n->op = Node::Op::series;
      n->name = std::string(text_.substr(start, pos_ - start));
      bool seen = false;
      for (const auto& i : inputs) seen = seen || i == n->name;
      if (!seen) inputs.push_back(n->name);
      return NodePtr(n);
    }
    return fail("expected a number, a series name or '(' but found '" + std::string(1, c) + "'");
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  int depth_ = 0;
};

std::optional<double> eval(const Node& n, const Expression::Lookup& lookup) {
  switch (n.op) {
    case Node::Op::number:
      return n.number;
    case Node::Op::series:
      return lookup(n.name);
    case Node::Op::neg: {
      auto v = eval(*n.left, lookup);
      if (!v) return std::nullopt;
      return -*v;
    }
    default:
      break;
  }
  auto l = eval(*n.left, lookup);
  auto r = eval(*n.right, lookup);
  if (!l || !r) return std::nullopt;
  double out = 0;
  switch (n.op) {
    case Node::Op::add: out = *l + *r; break;
    case Node::Op::sub: out = *l - *r; break;
    case Node::Op::mul: out = *l * *r; break;
    case Node::Op::div:
      if (*r == 0) return std::nullopt;
      out = *l / *r;
      break;
    default: return std::nullopt;
  }
  if (!std::isfinite(out)) return std::nullopt;
  return out;
}

}  // namespace

Result<Expression> Expression::parse(std::string_view text) {
  Parser parser(text);
  auto root = parser.parse_all();
  if (!root) return root.error();
  Expression e;
  e.text_ = std::string(text);
  e.inputs_ = std::move(parser.inputs);
  e.root_ = *root;
  return e;
}

std::optional<double> Expression::evaluate(const Lookup& lookup) const {
  if (!root_) return std::nullopt;
  return eval(*root_, lookup);
}

}  // namespace watchdesk
